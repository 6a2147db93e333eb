// A tracker snapshot for `postmortem-lint report --tracker FILE`: GitHub's
// `gh issue list --json number,state,title,url,closedAt,assignees` output or a Jira CSV export, read from text (the
// caller reads the file; nothing here touches the network or the disk). PURE.

export interface TrackerIssue {
  /** `OPS-12` for Jira; `owner/repo#12` for GitHub (from the issue URL), or `#12` when the export has no URL. */
  key: string;
  number?: number;
  closed: boolean;
  title: string;
  url?: string;
  closedAt?: string;
  assignees: string[];
}

export interface TrackerSnapshot {
  source: 'github' | 'jira';
  issues: TrackerIssue[];
}

export class TrackerFormatError extends Error {}

/** Parse a snapshot: JSON (an array, as `gh issue list --json …` prints it) or CSV (a Jira export). */
export function parseTracker(text: string): TrackerSnapshot {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('[') || body.startsWith('{')) return parseGithub(body);
  return parseJira(body);
}

const GITHUB_URL = /github\.com\/([^/\s]+\/[^/\s]+)\/(?:issues|pull)\/(\d+)/i;

function parseGithub(body: string): TrackerSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    throw new TrackerFormatError(`not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw new TrackerFormatError('expected the JSON array that `gh issue list --json …` prints');
  const issues = data.map((raw, i): TrackerIssue => {
    const o = raw as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o['number'] !== 'number' || typeof o['state'] !== 'string') {
      throw new TrackerFormatError(
        `item ${i + 1} has no number and state (use gh issue list --json number,state,title,url,closedAt,assignees)`,
      );
    }
    const url = typeof o['url'] === 'string' ? o['url'] : undefined;
    const repo = url ? GITHUB_URL.exec(url)?.[1]?.toLowerCase() : undefined;
    const number = o['number'];
    const assignees = Array.isArray(o['assignees'])
      ? o['assignees'].map((a) => String((a as Record<string, unknown>)?.['login'] ?? '')).filter(Boolean)
      : [];
    return {
      key: repo ? `${repo}#${number}` : `#${number}`,
      number,
      closed: /^(closed|merged)$/i.test(o['state']),
      title: typeof o['title'] === 'string' ? o['title'] : '',
      ...(url ? { url } : {}),
      ...(typeof o['closedAt'] === 'string' && o['closedAt'] ? { closedAt: o['closedAt'] } : {}),
      assignees,
    };
  });
  return { source: 'github', issues };
}

/** Jira statuses (or status categories) that mean the work is finished. */
const JIRA_DONE = /^(done|closed|resolved|complete|completed|fixed|won'?t (?:do|fix)|cancel+ed|rejected|duplicate)$/i;

function parseJira(body: string): TrackerSnapshot {
  const rows = parseCsv(body);
  const header = rows.shift()?.map((h) => h.trim().toLowerCase());
  if (!header) throw new TrackerFormatError('the file is empty');
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const key = col('issue key', 'key');
  const status = col('status');
  const category = col('status category');
  const resolved = col('resolved', 'resolution date');
  if (key < 0 || status < 0) throw new TrackerFormatError('expected a Jira CSV export with "Issue key" and "Status" columns');
  const summary = col('summary');
  const assignee = col('assignee');
  const issues = rows
    .filter((r) => r[key]?.trim())
    .map((r): TrackerIssue => {
      const state = r[status]?.trim() ?? '';
      const cat = category >= 0 ? (r[category]?.trim() ?? '') : '';
      const closedAt = resolved >= 0 ? r[resolved]?.trim() : undefined;
      const who = assignee >= 0 ? r[assignee]?.trim() : undefined;
      return {
        key: r[key]!.trim().toUpperCase(),
        closed: JIRA_DONE.test(state) || /^done$/i.test(cat),
        title: summary >= 0 ? (r[summary] ?? '') : '',
        ...(closedAt ? { closedAt } : {}),
        assignees: who ? [who] : [],
      };
    });
  return { source: 'jira', issues };
}

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks inside, LF or CRLF rows; blank lines skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/**
 * The issue keys a tracker reference written in a document may mean, in the snapshot's terms: `OPS-12` (Jira), a
 * GitHub issue or pull request URL (`owner/repo#12`), `#12` (any repository in the export). Empty when the reference
 * is of another tracker's kind (a Jira key against a GitHub export): such links are not the export's to judge.
 */
export function referenceKeys(reference: string, source: TrackerSnapshot['source']): string[] {
  if (source === 'jira') {
    const m = /(?:^|[^\w-])([A-Z][A-Z0-9]{1,9}-\d+)(?![\w-])/.exec(reference) ?? /\/browse\/([A-Z][A-Z0-9]{1,9}-\d+)/.exec(reference);
    return m ? [m[1]!] : [];
  }
  const url = GITHUB_URL.exec(reference);
  if (url) return [`${url[1]!.toLowerCase()}#${url[2]}`];
  const short = /^(?:([\w.-]+\/[\w.-]+))?#(\d+)$/.exec(reference.trim());
  if (short) return [short[1] ? `${short[1].toLowerCase()}#${short[2]}` : `#${short[2]}`];
  return [];
}

/** Find the issue a key names: exactly, or by number when the reference (or the export) names no repository. */
export function findIssue(snapshot: TrackerSnapshot, key: string): TrackerIssue | undefined {
  const exact = snapshot.issues.find((i) => i.key === key);
  if (exact || snapshot.source === 'jira') return exact;
  const n = Number(/#(\d+)$/.exec(key)?.[1]);
  const byNumber = snapshot.issues.filter((i) => i.number === n && (key.startsWith('#') || i.key.startsWith('#')));
  return byNumber.length === 1 ? byNumber[0] : undefined;
}
