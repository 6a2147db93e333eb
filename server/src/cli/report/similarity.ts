// A deterministic similarity index for postmortems and action items: TF-IDF over stemmed words and word pairs, plus
// identifiers and error strings kept whole, compared by cosine similarity. No network, no model, no randomness: the
// same documents always give the same scores. PURE (no node or vscode imports).

/** Words too common in postmortems (or in English) to say what an incident was about. */
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers him his how i if in ' +
    'into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should ' +
    'so some such than that the their theirs them then there these they this those through to too under until up very was we were ' +
    'what when where which while who whom why will with would you your yours within without via per across around among upon onto yet ' +
    'incident incidents outage outages postmortem issue issues problem problems impact impacted customer customers user users team ' +
    'teams service services system systems minute minutes hour hours day days time times utc am pm today yesterday week weeks ' +
    'root cause causes caused contributing factor factors summary result resulted resulting led lead started start began begin ' +
    'occur occurred happen happened one two three first second several many much new old make made get got take took'
  ).split(/\s+/),
);

/** A light suffix-stripping stemmer (Porter's first steps): "expired", "expiry" and "expires" meet at "expir". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const suffix of [
    'ational',
    'ization',
    'ation',
    'ition',
    'ments',
    'ment',
    'ness',
    'ingly',
    'edly',
    'ing',
    'ed',
    'ly',
    'er',
    'ity',
    'ive',
    'ion',
  ]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // final -e and -y: "expire"/"expiry", "rotate"/"rotating"; a doubled final consonant: "stopped" → "stop"
  if (/[ey]$/.test(w) && w.length > 4) w = w.slice(0, -1);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * Identifiers and error strings kept whole: inline code, quoted strings, dotted / snake_case / CamelCase names,
 * hosts, `ERR_…`/`E…` codes and HTTP-like status numbers (5xx).
 */
const IDENTIFIER =
  /`([^`\n]{2,80})`|"([^"\n]{4,80})"|\b((?<!-)[A-Za-z][\w-]*(?:[._/:][\w-]+)+|[a-z]+_[a-z_]+|[a-z]+[A-Z]\w*|[A-Z]{2,}_[A-Z_]+|[45]\d\d)\b/g;

const WORD = /[\p{L}][\p{L}\p{N}'’-]*[\p{L}\p{N}]|[\p{L}]/gu;

export interface Terms {
  /** term → count in the text. */
  counts: Map<string, number>;
  /** A term as first written (for showing shared terms). */
  surface: Map<string, string>;
}

/** The terms of a text: stemmed words (stop words dropped), adjacent pairs of them, and identifiers kept whole. */
export function terms(text: string): Terms {
  const counts = new Map<string, number>();
  const surface = new Map<string, string>();
  const add = (term: string, shown: string, weight = 1) => {
    counts.set(term, (counts.get(term) ?? 0) + weight);
    if (!surface.has(term)) surface.set(term, shown);
  };
  for (const m of text.matchAll(IDENTIFIER)) {
    const id = (m[1] ?? m[2] ?? m[3])!.trim();
    if (/\s/.test(id) && id.split(/\s+/).length > 6) continue; // a quoted sentence, not an error string
    add(`id:${id.toLowerCase()}`, id);
  }
  // words in sentence-sized runs, so a pair never straddles two sentences (or a clause after a colon)
  for (const run of text.split(/[.;:!?\n()[\]|]+/)) {
    let prev: { stem: string; word: string } | undefined;
    for (const m of run.matchAll(WORD)) {
      const word = m[0].toLowerCase().replace(/[’']s?$/, '');
      // a stop word is skipped, not a break: "pool was exhausted" pairs "pool exhaust"
      if (word.length < 2 || STOPWORDS.has(word) || /^\d/.test(word)) continue;
      const s = stem(word);
      if (STOPWORDS.has(s)) continue;
      add(s, word);
      if (prev) add(`${prev.stem} ${s}`, `${prev.word} ${word}`);
      prev = { stem: s, word };
    }
  }
  return { counts, surface };
}

export interface IndexedDoc {
  id: number;
  /** term → TF-IDF weight, L2-normalised. */
  vector: Map<string, number>;
  surface: Map<string, string>;
}

export interface Match {
  a: number;
  b: number;
  score: number;
  /** The terms contributing most to the score, as written in the first document. */
  shared: string[];
}

/**
 * An index over texts. Weights: sublinear term frequency (1 + ln tf) × idf ln((1 + N) / df), L2-normalised; terms in
 * more than `maxDf` of the documents are dropped (they cannot tell documents apart, and skipping them keeps the
 * pairwise pass near linear).
 */
export class SimilarityIndex {
  readonly docs: IndexedDoc[];
  private readonly postings = new Map<string, { id: number; w: number }[]>();

  /**
   * `indexed`: which documents can be matched (the others only ask); the weights still count every document, so scores
   * are the same as over a full index.
   */
  constructor(texts: string[], maxDf = 0.5, indexed?: (id: number) => boolean) {
    const parsed = texts.map(terms);
    const df = new Map<string, number>();
    for (const t of parsed) for (const term of t.counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const n = texts.length;
    const limit = Math.max(2, Math.floor(n * maxDf));
    this.docs = parsed.map((t, id) => {
      const vector = new Map<string, number>();
      let norm = 0;
      for (const [term, tf] of t.counts) {
        const d = df.get(term)!;
        if (n > 4 && d > limit) continue;
        const w = (1 + Math.log(tf)) * Math.log((1 + n) / d);
        if (w <= 0) continue;
        vector.set(term, w);
        norm += w * w;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [term, w] of vector) vector.set(term, w / norm);
      return { id, vector, surface: t.surface };
    });
    for (const doc of this.docs) {
      if (indexed && !indexed(doc.id)) continue;
      for (const [term, w] of doc.vector) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ id: doc.id, w });
      }
    }
  }

  /** Cosine similarity of every pair scoring at least `threshold`, best first (ties by ids), each once (a < b). */
  pairs(threshold: number, shownTerms = 5): Match[] {
    return this.topMatches(threshold, Infinity, (a, b) => a < b, shownTerms);
  }

  /**
   * For each document `b`, its `k` best matches `a` among those `accept(a, b)` allows, scoring at least `threshold`;
   * all of them best first (ties by ids). Bounded output (k per document), so a corpus of look-alike documents gives
   * n·k pairs, not n². `below(b)`: matches of `b` are only among ids below it (postings are in id order, so the rest
   * is never visited).
   */
  topMatches(
    threshold: number,
    k: number,
    accept: (a: number, b: number) => boolean,
    shownTerms = 5,
    below?: (b: number) => number,
  ): Match[] {
    const out: Match[] = [];
    // one dense accumulator reused for every document (a Map per document costs ten times as much on large corpora)
    const acc = new Float64Array(this.docs.length);
    const touched: number[] = [];
    for (const doc of this.docs) {
      const limit = below ? below(doc.id) : Infinity;
      for (const [term, w] of doc.vector) {
        for (const p of this.postings.get(term) ?? []) {
          if (p.id >= limit) break;
          if (p.id === doc.id) continue;
          if (acc[p.id] === 0) touched.push(p.id);
          acc[p.id] += w * p.w;
        }
      }
      const best: [number, number][] = [];
      for (const a of touched) {
        const score = acc[a]!;
        acc[a] = 0;
        if (score >= threshold && accept(a, doc.id)) best.push([a, score]);
      }
      touched.length = 0;
      best.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      for (const [a, score] of best.slice(0, k)) out.push({ a, b: doc.id, score, shared: this.shared(a, doc.id, shownTerms) });
    }
    return out.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  }

  /** The `k` documents most similar to `id` scoring at least `threshold`, best first. */
  related(id: number, k: number, threshold: number): Match[] {
    const doc = this.docs[id]!;
    const scores = new Map<number, number>();
    for (const [term, w] of doc.vector) {
      for (const p of this.postings.get(term) ?? []) if (p.id !== id) scores.set(p.id, (scores.get(p.id) ?? 0) + w * p.w);
    }
    return [...scores]
      .filter(([, s]) => s >= threshold)
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, k)
      .map(([b, score]) => ({ a: id, b, score, shared: this.shared(id, b, 5) }));
  }

  /** The terms two documents share, by their contribution to the score; a pair's words rather than the words alone. */
  shared(a: number, b: number, max: number): string[] {
    const va = this.docs[a]!.vector;
    const vb = this.docs[b]!.vector;
    const common = [...va]
      .filter(([t]) => vb.has(t))
      .map(([t, w]) => [t, w * vb.get(t)!] as const)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const shown: string[] = [];
    const covered = new Set<string>();
    for (const [t] of common) {
      if (shown.length >= max) break;
      const words = t.startsWith('id:') ? [t] : t.split(' ');
      if (words.length === 1 && covered.has(t)) continue; // "connection" after "connection pool"
      for (const w of words) covered.add(w);
      shown.push(this.docs[a]!.surface.get(t) ?? t);
    }
    return shown;
  }
}
