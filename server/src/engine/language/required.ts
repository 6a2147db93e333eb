// Required literals of a regular expression: a set of words at least one of which occurs in every match.
// The language pass runs about a hundred patterns per sentence; a sentence that contains none of a pattern's
// required literals cannot match it, so one literal scan per block tells which patterns are worth running.
// Derived from the pattern's syntax tree (regjsparser), never written by hand, so data and filter cannot drift.
// Sound by construction: the filter only ever skips a pattern that cannot match; the pattern itself still
// decides every match. Pure engine code: no node imports.
import { parse, type AstNode, type RootNode } from 'regjsparser';

/** What a sub-expression can match: `exact` (every string it can match, lower-cased) when few, and `req`. */
interface Info {
  exact: Set<string> | null;
  /** Some literal of this set occurs in every match (null: no such set is known). */
  req: Set<string> | null;
}

const MAX_EXACT = 64;
const MAX_LITERAL = 40;
/** Literals shorter than this are too common to scan a block for: the language pass tests the sentence for them. */
export const MIN_LITERAL = 3;

const ANY: Info = { exact: null, req: null };
const EMPTY: Info = { exact: new Set(['']), req: null };

function minLength(set: Set<string>): number {
  let min = Infinity;
  for (const s of set) min = Math.min(min, s.length);
  return min;
}

/** A requirement is useful when every literal in it is long enough (the empty string matches anything). */
function useful(set: Set<string> | null): set is Set<string> {
  return !!set && set.size > 0 && minLength(set) >= 1;
}

/** The more selective of two requirements: longer shortest literal, then fewer literals. */
function better(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (!useful(a)) return useful(b) ? b : null;
  if (!useful(b)) return a;
  const la = minLength(a);
  const lb = minLength(b);
  if (la !== lb) return la > lb ? a : b;
  return a.size <= b.size ? a : b;
}

function cross(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a)
    for (const y of b) {
      if (x.length + y.length > MAX_LITERAL) return null;
      out.add(x + y);
    }
  return out;
}

function union(a: Set<string>, b: Set<string>, max = MAX_EXACT): Set<string> | null {
  const out = new Set([...a, ...b]);
  return out.size > max ? null : out;
}

/** Required sets may be larger than exact ones: a verb's every form, for every verb of a list ({~HV} in data.ts). */
const MAX_REQUIRED = 2_048;

/** One character as the literal scan sees it: ASCII lower-cased; anything else is left to the pattern. */
function charInfo(codePoint: number): Info {
  if (codePoint < 128) return { exact: new Set([String.fromCharCode(codePoint).toLowerCase()]), req: null };
  // beyond ASCII only characters without case ("‽", "—"): the `i` flag matches them only as themselves
  const ch = String.fromCodePoint(codePoint);
  return ch.toLowerCase() === ch && ch.toUpperCase() === ch ? { exact: new Set([ch]), req: null } : ANY;
}

function sequence(body: readonly AstNode[]): Info {
  let run: Set<string> = new Set(['']);
  let broken = false;
  let req: Set<string> | null = null;
  for (const child of body) {
    const ci = info(child);
    const joined = ci.exact ? cross(run, ci.exact) : null;
    if (joined) {
      run = joined;
      continue;
    }
    broken = true;
    req = better(better(req, run), ci.req);
    run = new Set(['']);
  }
  if (!broken) return { exact: run, req: useful(run) ? run : null };
  return { exact: null, req: better(req, run) };
}

function info(node: AstNode): Info {
  switch (node.type) {
    case 'value':
      return charInfo(node.codePoint);
    case 'alternative':
      return sequence(node.body);
    case 'anchor':
      return EMPTY;
    case 'group':
      if (node.behavior === 'normal' || node.behavior === 'ignore') return sequence(node.body);
      return EMPTY; // lookarounds consume nothing
    case 'disjunction': {
      let exact: Set<string> | null = new Set();
      let req: Set<string> | null = new Set();
      for (const alt of node.body) {
        const ai = info(alt);
        exact = exact && ai.exact ? union(exact, ai.exact) : null;
        const r = ai.req ?? (useful(ai.exact) ? ai.exact : null);
        req = req && r ? union(req, r, MAX_REQUIRED) : null;
      }
      return { exact, req: useful(req) ? req : useful(exact) ? exact : null };
    }
    case 'quantifier': {
      const ci = info(node.body[0]);
      if (node.min === 0) {
        // optional: either nothing or the body; only "x?" keeps an exact set
        const exact = node.max === 1 && ci.exact ? union(ci.exact, new Set([''])) : null;
        return { exact, req: null };
      }
      if (node.min === 1 && node.max === 1) return ci;
      return { exact: null, req: ci.req ?? (useful(ci.exact) ? ci.exact : null) };
    }
    case 'characterClass': {
      if (node.negative || node.body.length > 8) return ANY;
      let exact = new Set<string>();
      for (const part of node.body) {
        if (part.type !== 'value') return ANY;
        const ci = charInfo(part.codePoint);
        if (!ci.exact) return ANY;
        exact = new Set([...exact, ...ci.exact]);
      }
      return { exact, req: null };
    }
    default:
      // dot, class escapes (\w \s \d), Unicode properties, back-references: any text
      return ANY;
  }
}

/**
 * Required literals (lower-case, no white space) of a regular expression written for the `i` flag, or undefined
 * when no such set is known (the pattern must then always run).
 * A literal with white space stands for its longest white-space-free piece, which every match contains too:
 * the language pass blanks technical terms with spaces before matching, so a literal with a space could be
 * present in the blanked sentence and not in the text scanned; one without white space cannot.
 */
export function requiredLiterals(source: string, flags: string): string[] | undefined {
  let root: RootNode<{ lookbehind: true; namedGroups: true; unicodePropertyEscape: true }>;
  try {
    root = parse(source, flags.replace(/[gy]/g, ''), { lookbehind: true, namedGroups: true, unicodePropertyEscape: true });
  } catch {
    return undefined;
  }
  const i = info(root as AstNode);
  const req = i.req ?? (useful(i.exact) ? i.exact : null);
  if (!req) return undefined;
  const pieces = new Set<string>();
  for (const literal of req) {
    const piece = literal.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (piece.length === 0) return undefined;
    pieces.add(piece);
  }
  // a literal that contains another one adds nothing: where it occurs, so does the shorter one
  const all = [...pieces];
  return all.filter((l) => !all.some((o) => o !== l && l.includes(o))).sort();
}
