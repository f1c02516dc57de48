import type { Mark } from '../../components/Overlay';
import type { Finding } from '../db/types';
import { buildTextIndex, locateQuote } from '../anchor/locate';
import { markNumbers } from '../anchor/tags';

export interface Placement {
  marks: Mark[];
  /** Findings whose quote is no longer in the page: listed as 原文已变化. */
  orphans: Set<string>;
}

/** Anchor every stored quote in the current DOM. */
export function placeMarks(doc: Document, findings: Finding[]): Placement {
  const root = doc.body ?? doc.documentElement;
  const win = doc.defaultView;
  // Built only when a quote is to be placed: most pages have none, and reading all their text is
  // the dearest part of this.
  let index: ReturnType<typeof buildTextIndex> | undefined;
  const marks: Mark[] = [];
  const orphans = new Set<string>();
  const numbers = markNumbers(findings); // stable through review: 确认 never renumbers what the inspector is reading
  for (const f of findings) {
    if (f.status === 'dismissed' || !f.stillPresent || !f.quote) continue;
    const found = locateQuote(root, f.quote, (index ??= buildTextIndex(root)));
    if (!found) {
      if (!doc.title.includes(f.quote.exact)) orphans.add(f.id);
      continue;
    }
    const rects = Array.from(found.range.getClientRects())
      .filter((r) => r.width > 0 && r.height > 0)
      .slice(0, 4)
      .map((r) => ({ left: r.left + (win?.scrollX ?? 0), top: r.top + (win?.scrollY ?? 0), width: r.width, height: r.height }));
    if (!rects.length) continue; // text exists but is not rendered (hidden tab): listed in the panel only
    marks.push({ id: f.id, index: numbers.get(f.id)!, severity: f.severity, status: f.status, label: f.source === 'manual' ? '人工标记' : titleOf(f), rects });
  }
  return { marks, orphans };
}

function titleOf(f: Finding): string {
  return f.message.length > 24 ? `${f.message.slice(0, 24)}…` : f.message;
}
