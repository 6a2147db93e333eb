// Typed VS Code settings (section `postmortemLint`), requested per resource by the server.
import { DEFAULT_GLOBS } from '../node/paths';
import { type RuleSetting } from '../engine/index';

export interface Settings {
  enable: boolean;
  files: string[];
  rules: Record<string, RuleSetting>;
  profile?: string;
  maxDocumentSize?: number;
  maxDocumentLines?: number;
}

export const defaultSettings: Settings = { enable: true, files: DEFAULT_GLOBS, rules: {} };
