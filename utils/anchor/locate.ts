import search from 'approx-string-match';
import type { TextQuote } from '../scan/types';

/** Elements whose text is not page text: describing and finding a quote must skip the same ones. */
export const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

interface TextIndex {
  text: string;
  nodes: Text[];
  starts: number[];
}

/**
 * All text of `root` in document order, with where each text node starts. Walked by hand: a
 * TreeWalker with a filter calls back into script for every element, which made this most of the
 * time it takes to place the marks on a large page.
 */
export function buildTextIndex(root: Node, skip?: (el: Element) => boolean): TextIndex {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  let n: Node | null = root.firstChild;
  while (n) {
    let descend = false;
    if (n.nodeType === 3) {
      const v = n.nodeValue || '';
      if (v) {
        nodes.push(n as Text);
        starts.push(length);
        parts.push(v);
        length += v.length;
      }
    } else if (n.nodeType === 1) {
      const el = n as Element;
      descend = !SKIP.has(el.tagName.toUpperCase()) && !skip?.(el);
    }
    if (descend && n.firstChild) {
      n = n.firstChild;
      continue;
    }
    // Next in document order below root: the next sibling of this node or of its nearest ancestor that has one.
    while (n && n !== root && !n.nextSibling) n = n.parentNode;
    n = n && n !== root ? n.nextSibling : null;
  }
  return { text: parts.join(''), nodes, starts };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Occurrences of the quote in the index text; whitespace in the quote matches any run of whitespace. */
function occurrences(index: TextIndex, exact: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const trimmed = exact.trim();
  if (!trimmed) return out;
  const pattern = trimmed.split(/\s+/).map(escapeRe).join('\\s+');
  const re = new RegExp(pattern, 'g');
  for (let m = re.exec(index.text); m; m = re.exec(index.text)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (out.length > 500) break;
  }
  return out;
}

function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** How well the text around an occurrence agrees with the stored prefix and suffix. */
function contextScore(index: TextIndex, occ: { start: number; end: number }, q: TextQuote): number {
  const before = squash(index.text.slice(Math.max(0, occ.start - q.prefix.length * 2 - 16), occ.start));
  const after = squash(index.text.slice(occ.end, occ.end + q.suffix.length * 2 + 16));
  const p = squash(q.prefix);
  const s = squash(q.suffix);
  let score = 0;
  for (let i = 1; i <= p.length && before.endsWith(p.slice(p.length - i)); i++) score++;
  for (let i = 1; i <= s.length && after.startsWith(s.slice(0, i)); i++) score++;
  return score;
}

function pointAt(index: TextIndex, offset: number, preferEnd: boolean): { node: Text; offset: number } {
  // Binary search for the text node holding `offset`.
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid] < offset || (!preferEnd && index.starts[mid] === offset)) lo = mid;
    else hi = mid - 1;
  }
  const node = index.nodes[lo];
  return { node, offset: Math.min(offset - index.starts[lo], (node.nodeValue || '').length) };
}

export interface Located {
  range: Range;
  start: number;
  end: number;
}

/**
 * Quotes shorter than this only re-attach to exact text: a 4-character typo that was
 * corrected must not snap onto its corrected form (that is how 整改 is verified).
 */
const FUZZY_MIN_LENGTH = 10;

/** Fuzzy candidates: the quote with up to one error in five characters, as annotation tools allow. */
function fuzzyOccurrences(index: TextIndex, exact: string): { start: number; end: number; errors: number }[] {
  const q = exact.trim();
  if (q.length < FUZZY_MIN_LENGTH || q.length > 2000) return [];
  const maxErrors = Math.floor(q.length / 5);
  return search(index.text, q, maxErrors).slice(0, 200);
}

/**
 * Find a stored quote in the page again: exact text first, the occurrence whose
 * surroundings best match the stored prefix and suffix; failing that, a fuzzy match
 * of a longer quote scored by errors and context. Null when the text is gone (原文已变化).
 */
export function locateQuote(root: Node, q: TextQuote, index = buildTextIndex(root)): Located | null {
  let best: { start: number; end: number } | null = null;
  let bestScore = -Infinity;
  for (const o of occurrences(index, q.exact)) {
    const s = contextScore(index, o, q);
    if (s > bestScore) {
      best = o;
      bestScore = s;
    }
  }
  if (!best) {
    const len = q.exact.trim().length;
    for (const o of fuzzyOccurrences(index, q.exact)) {
      const ctx = contextScore(index, o, q);
      // An edited quote must still sit in recognisable surroundings, or be nearly intact.
      if (ctx === 0 && o.errors > len / 10) continue;
      const s = ctx - o.errors * 2;
      if (s > bestScore) {
        best = o;
        bestScore = s;
      }
    }
  }
  if (!best) return null;
  const doc = root.ownerDocument ?? (root as Document);
  const range = doc.createRange();
  const a = pointAt(index, best.start, false);
  const b = pointAt(index, best.end, true);
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return { range, start: best.start, end: best.end };
}

/** Describe a user's selection as a text quote (for manual findings), with 32 characters of context. */
export function describeRange(root: Node, range: Range, index = buildTextIndex(root)): TextQuote | null {
  const exact = range.toString();
  if (!exact.trim()) return null;
  const offsetOf = (node: Node, offset: number): number | null => {
    if (node.nodeType === 3) {
      const i = index.nodes.indexOf(node as Text);
      return i < 0 ? null : index.starts[i] + offset;
    }
    // Element boundary: the first text node at or after the child offset.
    const child = node.childNodes[offset] ?? null;
    for (let i = 0; i < index.nodes.length; i++) {
      const t = index.nodes[i];
      if (child ? child === t || child.contains(t) || (child.compareDocumentPosition(t) & 4) !== 0 : node.contains(t) === false && (node.compareDocumentPosition(t) & 4) !== 0) {
        return index.starts[i];
      }
    }
    return index.text.length;
  };
  const start = offsetOf(range.startContainer, range.startOffset);
  if (start === null) return { exact: exact.trim(), prefix: '', suffix: '' };
  const lead = exact.length - exact.trimStart().length;
  const s = start + lead;
  const e = s + exact.trim().length;
  return { exact: exact.trim(), prefix: index.text.slice(Math.max(0, s - 32), s), suffix: index.text.slice(e, e + 32) };
}
