// Systemic rewrites and inquiry prompts. Rewrites never invent facts: the sentence's own times, ids and
// code spans are carried over, and everything else is a [placeholder] the author must fill.
import type { Fix, TextEdit } from '../types';
import type { LanguageFinding } from './analyze';
import { headOffset } from './sentences';

/** Apply the case pattern of `model` (ALL CAPS / Capitalised / lower) to `text`. */
export function matchCase(model: string, text: string): string {
  const letters = model.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return text.toUpperCase();
  if (/^\p{Lu}/u.test(letters)) return capitalise(text);
  return decapitalise(text);
}

/** Upper-case the first letter (inside a leading "[" too). */
export function capitalise(text: string): string {
  return text.replace(/^(\[?)(\p{Ll})/u, (_, b: string, c: string) => b + c.toUpperCase());
}

function decapitalise(text: string): string {
  // Leave acronyms ("SLO") and proper-looking words alone; only lower a Capitalised first word.
  return text.replace(/^(\[?)(\p{Lu})(?=\p{Ll})/u, (_, b: string, c: string) => b + c.toLowerCase());
}

export interface Facts {
  times: string[];
  dates: string[];
  ids: string[];
  roles: string[];
}

const ROLE = /\b(?:(?:the|an?)\s+)?((?:on-?call(?:er)?|incident commander|engineer|developer|operator|reviewer|approver|responder|sre|admin|maintainer|pilot|instructor)(?:\s+on\s+duty)?)\b/i;

export function extractFacts(original: string): Facts {
  const times = [...original.matchAll(/\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:UTC|GMT|Z|[A-Z]{2,4}T))?(?![\d:])/g)].map((m) => m[0]);
  const dates = [...original.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)].map((m) => m[0]);
  const ids: string[] = [];
  for (const m of original.matchAll(/`[^`\n]+`|\b[A-Z][A-Z0-9]+-\d+\b|\bPR\s?#?\d+\b|(?<![\w#])#\d+\b|\bv?\d+\.\d+(?:\.\d+)*\b(?!:)|\b\d+(?:\.\d+)?\s?(?:ms|s|min|minutes|hours|h|%|GB|MB|rows|pods|nodes|requests|users|customers)\b|\b\d+M\b/g)) {
    const v = m[0];
    if (!ids.includes(v) && !times.some((t) => t.includes(v))) ids.push(v);
  }
  const role = ROLE.exec(original)?.[1];
  return { times, dates, ids, roles: role ? [role.toLowerCase()] : [] };
}

/** Fill a template's slots from the sentence's facts; report which facts were used. */
export function fillTemplate(template: string, facts: Facts): { text: string; unused: string[] } {
  const times = [...facts.times];
  const ids = [...facts.ids];
  const dates = [...facts.dates];
  const used = new Set<string>();
  const take = (list: string[]) => {
    const v = list.shift();
    if (v !== undefined) used.add(v);
    return v;
  };
  let t1: string | undefined;
  const text = template.replace(/\[([^\]]+)\]/g, (slot, name: string) => {
    const n = name.toLowerCase();
    if (n === 'hh:mm' || n === 't1' || n === 'time') {
      if (n === 'hh:mm' && t1 !== undefined && times.length === 0) return t1;
      const v = take(times);
      if (v !== undefined) t1 ??= v;
      return v ?? slot;
    }
    if (n === 't2') return take(times) ?? slot;
    if (n === 'date' || n === 'yyyy-mm-dd') return take(dates) ?? slot;
    if (n === 'id' || n === 'change') return take(ids) ?? slot;
    if (n === 'role' && facts.roles[0]) return facts.roles[0];
    return slot;
  });
  const unused = [...facts.times, ...facts.dates, ...facts.ids].filter((f) => !used.has(f));
  return { text, unused };
}

/** Build the systemic-rewrite suggestion for a finding, or undefined when none applies. */
export function buildRewrite(docText: string, f: LanguageFinding): Fix | undefined {
  const { hit, sentence } = f;
  const p = hit.pattern;
  const trigger = docText.slice(hit.start, hit.end);
  const sentenceText = docText.slice(sentence.start, sentence.end);
  const head = sentence.start + headOffset(sentenceText);
  const kind = p.rewrite ?? (p.custom ? 'delete' : 'template');

  if (kind === 'delete' || kind === 'replace') {
    const edits: TextEdit[] = [];
    let start = hit.start;
    let end = hit.end;
    let replacement = kind === 'replace' ? matchCase(trigger, p.replacement ?? '') : '';
    if (kind === 'delete') {
      // swallow one adjacent space and a comma that only followed the trigger ("Obviously, the…")
      const after = docText.slice(end, end + 2);
      if (/^,\s/.test(after)) end += 2;
      else if (/^\s/.test(after)) end += 1;
      else if (start > head && /\s/.test(docText[start - 1]!)) start -= 1;
      if (start === head) {
        // the next word becomes the first word of the sentence
        const next = /^\p{Ll}/u.exec(docText.slice(end));
        if (next && /^\p{Lu}/u.test(trigger)) {
          edits.push({ start, end: end + 1, text: next[0].toUpperCase() });
          return { title: `Rewrite: remove “${trigger.trim()}”`, edits };
        }
      }
    }
    edits.push({ start, end, text: replacement });
    return {
      title: kind === 'delete' ? `Rewrite: remove “${trigger.trim()}”` : `Rewrite: replace “${trigger.trim()}” with “${replacement}”`,
      edits,
    };
  }

  const template = p.template ?? p.category.template;
  const body = sentenceText.slice(head - sentence.start);
  const facts = extractFacts(body);
  const { text, unused } = fillTemplate(template, facts);
  let out = /^\p{Ll}/u.test(body) ? decapitalise(text) : capitalise(text);
  if (unused.length) out = `${out.replace(/\s+$/, '')} (Details from the original: ${unused.join(', ')}.)`;
  // keep a trailing sentence terminator style: templates end with "." already
  return { title: 'Rewrite systemically (fill in the [placeholders])', edits: [{ start: head, end: sentence.end, text: out }] };
}

/** Insert the category's inquiry prompt as an HTML comment after the sentence. */
export function buildPrompt(docText: string, f: LanguageFinding): Fix {
  const prompt = f.hit.category.prompt.replace(/--+/g, '–');
  const at = f.sentence.end;
  const lead = /\s/.test(docText[at] ?? '\n') ? ' ' : ' ';
  return {
    title: `Insert question: “${prompt.split('?')[0]}?”`,
    edits: [{ start: at, end: at, text: `${lead}<!-- ${prompt} -->` }],
  };
}
