// The engine's memo tables: the few shapes its caches take, and one way to forget them all.
//
// Each extractor keeps its own keys and replay logic (what a result depends on, how offsets move) beside its code;
// only the tables and their mechanics live here. Every memo made here registers itself, and clearMemos() forgets
// every registered memo: the next lint computes everything afresh (what the benchmark's "full lint" and the
// tests' reference lints mean). A memo is a cache, never state: clearing one at any time between lints changes
// no result.
//
//   nodeMemo        per object (a syntax-tree node) with a source check: valid while the stored source (and key) match
//   objectMemo      per object identity (a model, a config, a node that is never edited in place)
//   generationMemo  by value, two generations: bounded memory, recently used entries survive a rollover
//   lastValueMemo   one slot: the last key asked and its value
//
// Memos keep no slice of an old version of a document's text: a slice may hold the whole text it was cut from
// (one version of the document per keystroke). String keys are stored detached; a node memo's source is replaced
// by the caller's (current) one at every hit; values must not hold slices of the text either.

interface Clearable {
  clear(): void;
}

/**
 * What a memo's values derive from: a document's content (the default), or only the configuration (compiled
 * patterns). A "full lint" starts with cold content memos and warm configuration memos, as a newly opened document
 * does in a running server.
 */
export type MemoScope = 'content' | 'configuration';

const registry: { memo: Clearable; scope: MemoScope }[] = [];

function register<T extends Clearable>(memo: T, scope: MemoScope = 'content'): T {
  registry.push({ memo, scope });
  return memo;
}

/**
 * Forget the memos made through this module that derive from content (exported by the engine as
 * `clearContentMemos`), or every memo with `'all'`.
 */
export function clearMemos(which: 'content' | 'all' = 'content'): void {
  for (const { memo, scope } of registry) if (which === 'all' || scope === 'content') memo.clear();
}

/**
 * A copy of `s` that keeps no reference to the text it was cut from. A JavaScript engine may represent a slice of
 * a string as a view into the whole string (V8's sliced strings): a memo that stored a block's text, sliced from
 * the document, would keep that whole version of the document alive for as long as the entry lives, one version
 * per keystroke. Joining forces a flat copy; the slice of that copy holds only the copy.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1); // shorter slices are always copied by the engine
}

// ---- (1) per node, checked against its source ----

/**
 * Results per object, valid only while the source text (and key) stored with them are still the ones given.
 * Incremental parsing keeps unchanged top-level nodes (the same objects, shifted): a node's own results, kept
 * relative to the node start, are reused while the node object and its text, and whatever else `key` names
 * (the state the node is read in), are the same.
 */
export interface NodeMemo<N extends object, V> {
  /** The value stored for `node` with this source and key, else undefined. */
  get(node: N, source: string, key?: string): V | undefined;
  set(node: N, source: string, value: V, key?: string): void;
  delete(node: N): void;
  /** The stored value when source and key match, else `compute()` (stored). */
  getOrCompute(node: N, source: string, compute: () => V, key?: string): V;
  clear(): void;
}

interface NodeEntry<V> {
  source: string;
  key: string;
  value: V;
}

export function nodeMemo<N extends object, V>(scope?: MemoScope): NodeMemo<N, V> {
  let table = new WeakMap<N, NodeEntry<V>>();
  const memo: NodeMemo<N, V> = {
    get(node, source, key = '') {
      const hit = table.get(node);
      if (!hit || hit.source !== source || hit.key !== key) return undefined;
      hit.source = source; // the same text, cut from the current version: an older version is no longer held
      return hit.value;
    },
    set(node, source, value, key = '') {
      table.set(node, { source, key, value });
    },
    delete(node) {
      table.delete(node);
    },
    getOrCompute(node, source, compute, key = '') {
      const hit = table.get(node);
      if (hit && hit.source === source && hit.key === key) {
        hit.source = source; // as in get
        return hit.value;
      }
      const value = compute();
      table.set(node, { source, key, value });
      return value;
    },
    clear() {
      table = new WeakMap();
    },
  };
  return register(memo, scope);
}

// ---- (2) per object identity ----

/** Results per object, for as long as the object lives (a model, a config object, an array built once per model). */
export interface ObjectMemo<K extends object, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): void;
  delete(key: K): void;
  /** The stored value (undefined and null included), else `compute()` (stored). */
  getOrCompute(key: K, compute: () => V): V;
  clear(): void;
}

export function objectMemo<K extends object, V>(scope?: MemoScope): ObjectMemo<K, V> {
  let table = new WeakMap<K, V>();
  const memo: ObjectMemo<K, V> = {
    get: (key) => table.get(key),
    has: (key) => table.has(key),
    set(key, value) {
      table.set(key, value);
    },
    delete(key) {
      table.delete(key);
    },
    getOrCompute(key, compute) {
      const hit = table.get(key);
      if (hit !== undefined || table.has(key)) return hit as V;
      const value = compute();
      table.set(key, value);
      return value;
    },
    clear() {
      table = new WeakMap();
    },
  };
  return register(memo, scope);
}

// ---- (3) two generations ----

/**
 * The characters of string keys a generation holds at least, and the length of the document last modelled: a
 * generation also rolls over when its keys reach max(this floor, that length). One lint's working set in a memo
 * keyed by pieces of the document is at most the document, so it still fits; entries of edited-away text (one
 * per keystroke) are bounded by the document's size, not by a count of entries that each grow with the block.
 */
const BASE_CHARS = 1 << 16;
let documentChars = 0;

/** Size every generation memo's character budget for a document of `chars` characters (buildModel calls this). */
export function fitMemosToDocument(chars: number): void {
  documentChars = chars;
}

/**
 * Results by value (a string, usually) in two generations: entries go into the current one; when it is full it
 * becomes the previous one (the older previous is dropped) and a fresh one starts. The previous generation stays
 * readable, and an entry read from it moves into the current one: what the last lint used survives a rollover,
 * and memory stays bounded by two generations.
 */
export interface GenerationMemo<K, V> {
  /** The value for `key` (from the previous generation: moved into the current one), else undefined. */
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): void;
  /** The stored value (undefined included), else `compute(key)` (stored). */
  getOrCompute(key: K, compute: (key: K) => V): V;
  /**
   * Size generations for a working set of `entries` (what one lint may read or write): a generation holds
   * max(the base size, entries). With that, one lint rolls over at most once, so all it used is still there for
   * the next one.
   */
  fit(entries: number): void;
  /** Entries in the current generation. */
  readonly size: number;
  /** Entries a generation holds before it rolls over. */
  readonly generationSize: number;
  clear(): void;
}

export interface GenerationOptions {
  scope?: MemoScope;
  /**
   * The characters of string keys a generation holds, when the memo serves only the blocks a lint re-reads (not
   * every block of the document): fixed, instead of fitted to the document.
   */
  chars?: number;
}

export function generationMemo<K, V>(baseSize: number, { scope, chars: fixedChars }: GenerationOptions = {}): GenerationMemo<K, V> {
  if (!(baseSize >= 1)) throw new RangeError(`generationMemo: size ${baseSize} is not positive`);
  let current = new Map<K, V>();
  let previous = new Map<K, V>();
  let limit = baseSize;
  let chars = 0; // of the current generation's string keys
  const store = (key: K, value: V) => {
    if (current.has(key)) {
      current.set(key, value);
      return;
    }
    const weight = typeof key === 'string' ? key.length : 0;
    if (current.size >= limit || (chars > 0 && chars + weight > (fixedChars ?? Math.max(BASE_CHARS, documentChars)))) {
      previous = current;
      current = new Map();
      chars = 0;
    }
    chars += weight;
    current.set(typeof key === 'string' ? (detach(key) as K) : key, value);
  };
  const memo: GenerationMemo<K, V> = {
    get(key) {
      const hit = current.get(key);
      if (hit !== undefined || current.has(key)) return hit;
      const old = previous.get(key);
      if (old === undefined && !previous.has(key)) return undefined;
      store(key, old as V);
      return old;
    },
    has: (key) => current.has(key) || previous.has(key),
    set: store,
    getOrCompute(key, compute) {
      const hit = current.get(key);
      if (hit !== undefined || current.has(key)) return hit as V;
      const old = previous.get(key);
      const value = old !== undefined || previous.has(key) ? (old as V) : compute(key);
      store(key, value);
      return value;
    },
    fit(entries) {
      limit = Math.max(baseSize, entries);
    },
    get size() {
      return current.size;
    },
    get generationSize() {
      return limit;
    },
    clear() {
      current = new Map();
      previous = new Map();
      limit = baseSize;
      chars = 0;
    },
  };
  return register(memo, scope);
}

// ---- (4) last value ----

/** One slot: the value of the last key asked (`equals` tells keys apart; identity by default). */
export interface LastValueMemo<K, V> {
  /** The value when `key` equals the last key, else `compute(key)` (which then takes the slot). */
  getOrCompute(key: K, compute: (key: K) => V): V;
  clear(): void;
}

export function lastValueMemo<K, V>(equals: (a: K, b: K) => boolean = Object.is, scope?: MemoScope): LastValueMemo<K, V> {
  let slot: { key: K; value: V } | undefined;
  const memo: LastValueMemo<K, V> = {
    getOrCompute(key, compute) {
      if (slot && equals(slot.key, key)) return slot.value;
      const value = compute(key);
      slot = { key, value };
      return value;
    },
    clear() {
      slot = undefined;
    },
  };
  return register(memo, scope);
}
