/**
 * Where a mark's tag ("3. 错别字") goes, and which number it carries. Pure geometry on page
 * rectangles, so it is unit-tested without a browser.
 *
 * A tag must not hide marked text: in a 信箱 table every row's date is marked, and a tag set above
 * its own row would sit on the previous row's date. So each tag tries a few places around its
 * own text and takes the first that covers no marked text and no earlier tag; when none is free
 * it shrinks to its number alone, in the least crowded of those places.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface TagInput {
  id: string;
  label: string;
  /** The marked text's rectangles (page coordinates). */
  rects: Rect[];
}

export interface TagPlace {
  left: number;
  top: number;
  /** No room for the label: only the number is shown (the label stays in the tooltip). */
  compact: boolean;
}

export const TAG_HEIGHT = 18;
const TAG_MAX_WIDTH = 260;
const GAP = 2;

/** Rendered width of a tag at 12 px: CJK about 12 px a character, Latin about 7, plus padding. */
export function tagWidth(text: string): number {
  let w = 10;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 12 : 7;
  return Math.min(TAG_MAX_WIDTH, w);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

function candidates(rects: Rect[], w: number): { left: number; top: number }[] {
  const first = rects[0]!;
  const last = rects[rects.length - 1]!;
  return [
    { left: first.left - GAP, top: first.top - GAP - TAG_HEIGHT }, // above, as before
    { left: last.left - GAP, top: last.top + last.height + GAP }, // below
    { left: last.left + last.width + 2 * GAP, top: last.top + (last.height - TAG_HEIGHT) / 2 }, // after
    { left: first.left - w - 2 * GAP, top: first.top + (first.height - TAG_HEIGHT) / 2 }, // before
  ].filter((c) => c.left >= 0 && c.top >= 0);
}

/**
 * Places every tag, in the order given (the marks' numbers). `text(m)` is what the tag shows in
 * full; `number(m)` what it shows when compact.
 */
export function placeTags<M extends TagInput>(marks: M[], text: (m: M) => string, number: (m: M) => string): Map<string, TagPlace> {
  const texts: Rect[] = marks.flatMap((m) => m.rects);
  const placed: Rect[] = [];
  const out = new Map<string, TagPlace>();
  const cost = (r: Rect) => texts.reduce((s, t) => s + overlap(r, t), 0) * 4 + placed.reduce((s, t) => s + overlap(r, t), 0);
  for (const m of marks) {
    if (!m.rects.length) continue;
    let choice: { r: Rect; compact: boolean } | null = null;
    for (const compact of [false, true]) {
      const w = tagWidth(compact ? number(m) : text(m));
      const options = candidates(m.rects, w).map((c) => ({ ...c, width: w, height: TAG_HEIGHT }));
      const free = options.find((r) => cost(r) === 0);
      if (free) {
        choice = { r: free, compact };
        break;
      }
      if (compact) {
        const best = options.sort((a, b) => cost(a) - cost(b))[0];
        const first = m.rects[0]!;
        choice = { r: best ?? { left: first.left, top: first.top, width: w, height: TAG_HEIGHT }, compact };
      }
    }
    placed.push(choice!.r);
    out.set(m.id, { left: choice!.r.left, top: choice!.r.top, compact: choice!.compact });
  }
  return out;
}

/**
 * A finding's number on the page, stable through review: ordered by severity, then when it was
 * found, then id, over every finding of the page (dismissed ones keep their number too), so a
 * 确认 or 排除 never renumbers the others.
 */
export function markNumbers(findings: { id: string; severity: string; createdAt: number }[]): Map<string, number> {
  const rank: Record<string, number> = { veto: 0, deduct: 1, hint: 2 };
  const sorted = [...findings].sort(
    (a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return new Map(sorted.map((f, k) => [f.id, k + 1]));
}
