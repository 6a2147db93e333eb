// A strict reader for the XML a report format writes (no dependency has a well-kept XML parser): a prolog, elements,
// double- or single-quoted attributes, text with the five entities and numeric references. It throws on anything
// not well-formed (an unclosed or mismatched tag, a raw '<' or '&', a duplicate attribute, text outside the root).
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, at: number): string {
  if (/[<]/.test(s)) throw new Error(`raw '<' near offset ${at}`);
  return s.replace(/&([^;]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`raw '&' near offset ${at}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ref);
    if (!num) throw new Error(`unknown entity ${m} near offset ${at}`);
    return String.fromCodePoint(num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : Number(num[1]));
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const prolog = /^<\?xml[^?]*\?>\s*/.exec(source);
  if (prolog) i = prolog[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt < 0 ? source.length : lt);
    if (stack.length) stack[stack.length - 1]!.text += decode(text, i);
    else if (text.trim()) throw new Error(`text outside the root element at offset ${i}`);
    if (lt < 0) break;
    i = lt;
    if (source.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(source.slice(i));
      const open = stack.pop();
      if (!m || !open || open.name !== m[1]) throw new Error(`mismatched closing tag at offset ${i}`);
      i += m[0].length;
      continue;
    }
    if (root && !stack.length) throw new Error(`a second root element at offset ${i}`);
    const name = NAME.exec(source.slice(i + 1))?.[0];
    if (!name) throw new Error(`bad tag at offset ${i}`);
    i += 1 + name.length;
    const el: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const attr = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(i));
      if (!attr) break;
      if (attr[1]! in el.attributes) throw new Error(`duplicate attribute ${attr[1]} at offset ${i}`);
      el.attributes[attr[1]!] = decode(attr[3] ?? attr[4] ?? '', i);
      i += attr[0].length;
    }
    const end = /^\s*(\/?)>/.exec(source.slice(i));
    if (!end) throw new Error(`unterminated tag <${name}> at offset ${i}`);
    i += end[0].length;
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    if (!end[1]) stack.push(el);
  }
  if (stack.length || !root) throw new Error(`unclosed element <${stack[stack.length - 1]?.name ?? '?'}>`);
  return root;
}
