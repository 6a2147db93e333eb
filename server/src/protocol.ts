// The client/server contract, written once: every custom method, notification and command id, the code-action
// kind, the payload types, the export formats, the template profiles and the version. Imported by the client, the
// server and the CLI. It imports nothing at run time (engine types only), so it costs the client bundle nothing.
import type { ExportFormat, ItemFollowUp, Profile } from './engine/index';
import { version } from '../../package.json';

/** The product's version (package.json's), reported by the server's serverInfo and `postmortem-lint --version`. */
export const VERSION: string = version;

/** `diagnostic.source`, and the last part of the fix-all code-action kind. */
export const SOURCE = 'postmortem-lint';

/** Code-action kind of "fix all safe problems" (`source.fixAll.postmortem-lint`). */
export const FIX_ALL_KIND = `source.fixAll.${SOURCE}`;

/** Server → client notification: whether a document is linted as a postmortem, and why (or why not). */
export const STATUS_NOTIFICATION = 'postmortemLint/status';
export interface StatusParams {
  uri: string;
  linted: boolean;
  reason: string;
  version: number;
}

/** Client → server notification: lint this file regardless of detection ('on'), never ('off'), or by detection again ('auto'). */
export const OVERRIDE_NOTIFICATION = 'postmortemLint/setOverride';
export type Override = 'on' | 'off';
export interface OverrideParams {
  uri: string;
  mode: Override | 'auto';
}

/** Client → server request: the document's action items in an export format. */
export const ACTION_ITEMS_REQUEST = 'postmortemLint/actionItems';
export const EXPORT_FORMATS = ['csv', 'json', 'markdown'] as const satisfies readonly ExportFormat[];
export type { ExportFormat };
export interface ActionItemsParams {
  uri: string;
  format: ExportFormat;
}
export interface ActionItemsResult {
  /** The export, ready to be written to a file by the client. */
  content: string;
  /** Number of action items exported. */
  count: number;
}

/**
 * Client → server request: the server's open documents and memory, for a bug report or a memory check. With
 * `collect: true` the server first runs a full garbage collection when Node exposes it (`--expose-gc`), so the
 * heap figure is what is live.
 */
export const SERVER_STATUS_REQUEST = 'postmortemLint/serverStatus';
export interface ServerStatusParams {
  collect?: boolean;
}
export interface ServerStatusResult {
  version: string;
  /** Documents the server holds (open in the client). */
  documents: number;
  /** Lints run since the server started (a cached result is not a lint). */
  lints: number;
  /** Bytes of JavaScript heap in use (after the collection when `collected`). */
  heapUsed: number;
  /** Resident set size of the server process, in bytes. */
  rss: number;
  collected: boolean;
  /** Where workspace files are linted: a worker thread, this thread (no worker could start), or nowhere yet. */
  workspaceLint: 'worker' | 'server' | 'idle';
}

/**
 * Client → server request ("Postmortem: Lint All Postmortems"): lint every postmortem in the workspace folders, opened
 * or not, and keep them linted (workspace diagnostics; published as push diagnostics to clients that do not pull).
 * Answers when the scan is done. Refused (an error) in an untrusted workspace or one with no folder on disk.
 */
export const LINT_WORKSPACE_REQUEST = 'postmortemLint/lintWorkspace';
export interface LintWorkspaceResult {
  /** Markdown files looked at (after ignore files). */
  files: number;
  /** Of those, the postmortems (linted and reported). */
  postmortems: number;
  /** Findings over those postmortems. */
  problems: number;
  /** Files left out: larger than the size limit, unreadable, or beyond the file cap. */
  skipped: number;
  /** The file cap stopped the scan. */
  capped: boolean;
  ms: number;
}

/**
 * Client → server request: every action item of the workspace's postmortems (the "Postmortem Follow-ups" view), each
 * with its follow-up state. Turns workspace linting on (as LINT_WORKSPACE_REQUEST) and answers from its last scan and
 * the open documents.
 */
export const FOLLOW_UPS_REQUEST = 'postmortemLint/followUps';
export type { FollowUpState } from './engine/index';
export interface FollowUp extends ItemFollowUp {
  uri: string;
  /** The postmortem's title. */
  postmortem: string;
}

/**
 * `postmortemLint/report`: the follow-through report (`postmortem-lint report`) over the workspace's postmortems (the
 * workspace scan's, closed files) and the open documents (their editor text): the dashboard's content.
 */
export const REPORT_REQUEST = 'postmortemLint/report';
export interface ReportParams {
  format?: 'html' | 'json' | 'markdown';
  /** Today, ISO YYYY-MM-DD (overdue ages; default: the server's date). */
  today?: string;
}
export interface ReportResult {
  format: 'html' | 'json' | 'markdown';
  /** The report in that format (JSON as text). */
  content: string;
  /** Postmortems in the report. */
  postmortems: number;
}

/** Client commands the server's code actions and code lenses invoke. */
export const COMMANDS = {
  /** `(uri: string, line: number)`: reveal a zero-based line of a document. */
  revealLine: 'postmortemLint.revealLine',
  /** `(url: string)`: open a rule's documentation. */
  openDocs: 'postmortemLint.openDocs',
} as const;

/** The profiles that have a template ("custom" is a config-only profile with no template). */
export const TEMPLATE_PROFILES = ['standard', 'google-sre', 'pagerduty'] as const satisfies readonly Profile[];
export type TemplateProfile = (typeof TEMPLATE_PROFILES)[number];
