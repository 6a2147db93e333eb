// Document outline: sections (nested), timeline entries under their timeline, action items under theirs.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { type PostmortemModel } from '../../engine/index';
import { toRange } from '../ranges';

function clip(s: string, n = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one || '(empty)';
}

export function documentSymbols(model: PostmortemModel): DocumentSymbol[] {
  const ls = model.lineStarts;
  const nodes: DocumentSymbol[] = model.sections.map((s) => ({
    name: clip(s.title || '(untitled)'),
    detail: s.kind !== 'other' ? s.kinds.join(' + ') : (s.role ?? ''),
    kind: SymbolKind.Namespace,
    range: toRange(ls, s.span.start, s.span.end),
    selectionRange: toRange(ls, s.heading.start, s.heading.end),
    children: [],
  }));
  const roots: DocumentSymbol[] = [];
  model.sections.forEach((s, i) => {
    const parent = s.parent !== undefined ? nodes[s.parent] : undefined;
    (parent ? parent.children! : roots).push(nodes[i]!);
  });
  for (const e of model.timeline) {
    const owner = nodes[e.section];
    const sym: DocumentSymbol = {
      name: clip(`${e.raw} ${e.text}`),
      detail: [e.date, e.time, e.zone].filter(Boolean).join(' '),
      kind: SymbolKind.Event,
      range: toRange(ls, e.span.start, e.span.end),
      selectionRange: toRange(ls, e.timestamp.start, e.timestamp.end),
    };
    (owner ? owner.children! : roots).push(sym);
  }
  for (const a of model.actionItems) {
    const owner = nodes[a.section];
    const detail = [a.status, a.owners.map((o) => o.value).join(', '), a.due?.value].filter(Boolean).join(' · ');
    const sym: DocumentSymbol = {
      name: clip(a.text),
      detail,
      kind: SymbolKind.Field,
      range: toRange(ls, a.span.start, a.span.end),
      selectionRange: toRange(ls, a.textSpan.start, Math.max(a.textSpan.start, a.textSpan.end)),
    };
    (owner ? owner.children! : roots).push(sym);
  }
  // keep children in document order
  const sortRec = (list: DocumentSymbol[]) => {
    list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const s of list) if (s.children) sortRec(s.children);
  };
  sortRec(roots);
  return roots;
}
