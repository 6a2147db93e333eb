// Section profiles (data/profiles.json) resolved against config.
import profiles from '../data/profiles.json';
import type { Section, SectionKind, SectionRole } from '../model/model';
import { classifyHeading, hasKind } from '../model/sections';
import type { ResolvedConfig } from '../types';

export interface ProfileEntry {
  title: string;
  kind?: SectionKind;
  role?: SectionRole;
  /** For custom names that are neither a kind nor a role: the normalised heading key. */
  key?: string;
  prompt: string;
}

export interface Profile {
  name: string;
  ordered: boolean;
  sections: ProfileEntry[];
}

type ProfileData = { ordered: boolean; sections: { title: string; kind?: string; role?: string; prompt: string }[] };
const builtIn = profiles as unknown as Record<string, ProfileData>;

/** The active profile: built-in by name, or `custom` from `config.sections` (names classified like headings). */
export function resolveProfile(config: ResolvedConfig, options: Record<string, unknown> = {}): Profile {
  // the rule options `profile` and `sections` are aliases of the top-level keys, folded in by resolveConfig
  const name = config.profile;
  const customSections = config.sections;
  if (name === 'custom') {
    return {
      name,
      ordered: options.ordered === true,
      sections: customSections.map((title) => {
        const c = classifyHeading(title);
        if (c.kind !== 'other') return { title, kind: c.kind, prompt: `${title}.` };
        if (c.role) return { title, role: c.role, prompt: `${title}.` };
        return { title, key: c.key, prompt: `${title}.` };
      }),
    };
  }
  const data = builtIn[name] ?? builtIn.standard!;
  return {
    name: builtIn[name] ? name : 'standard',
    ordered: options.ordered === true || data.ordered,
    sections: data.sections.map((s) => ({
      title: s.title,
      prompt: s.prompt,
      ...(s.kind ? { kind: s.kind as SectionKind } : {}),
      ...(s.role ? { role: s.role as SectionRole } : {}),
    })),
  };
}

export function sectionMatches(entry: ProfileEntry, section: Section): boolean {
  if (entry.kind) return hasKind(section, entry.kind);
  if (entry.role) return section.role === entry.role;
  return entry.key !== undefined && section.key === entry.key;
}
