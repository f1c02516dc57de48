// @vitest-environment jsdom
// happy-dom mis-implements Range within text nodes; jsdom follows the DOM spec (as locate.test.ts does).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTextIndex, describeRange, locateQuote } from './locate';

/**
 * Property tests for the text anchors that keep marks on quotes across reloads: a described
 * range is found again at the same place, and edits elsewhere on the page do not move it.
 */

// A few hundred CJK characters plus punctuation: repeated substrings are rare, as on real pages.
const ALPHABET = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x4e00 + i * 7)).concat(Array.from('，。、；：'));
const para = fc.array(fc.constantFrom(...ALPHABET), { minLength: 40, maxLength: 120 }).map((a) => a.join(''));

function build(paras: string[], bold: boolean[]): Document {
  const d = document.implementation.createHTMLDocument('t');
  paras.forEach((text, i) => {
    const p = d.createElement('p');
    if (bold[i]) {
      // Split across elements: quotes must survive spanning text nodes.
      const cut = Math.floor(text.length / 2);
      const b = d.createElement('b');
      b.textContent = text.slice(cut, cut + 5);
      p.append(text.slice(0, cut), b, text.slice(cut + 5));
    } else {
      p.textContent = text;
    }
    d.body.append(p);
  });
  return d;
}

/** Offset in the whole index text of character `at` of paragraph `k`. */
function offsetIn(d: Document, k: number, at: number): number {
  const index = buildTextIndex(d.body);
  const first = d.body.children[k]!.firstChild as Text;
  return index.starts[index.nodes.indexOf(first)]! + at;
}

function rangeAt(d: Document, start: number, end: number): Range {
  const index = buildTextIndex(d.body);
  const i = index.starts.findIndex((s, k) => s <= start && start < s + index.nodes[k]!.length);
  const j = index.starts.findIndex((s, k) => s < end && end <= s + index.nodes[k]!.length);
  const r = d.createRange();
  r.setStart(index.nodes[i]!, start - index.starts[i]!);
  r.setEnd(index.nodes[j]!, end - index.starts[j]!);
  return r;
}

const doc = fc
  .array(para, { minLength: 5, maxLength: 9 })
  .chain((paras) => fc.tuple(fc.constant(paras), fc.array(fc.boolean(), { minLength: paras.length, maxLength: paras.length })));

type Edit = { kind: 'insert' | 'delete' | 'replace' | 'newPara' | 'removePara'; text: string; at: number };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'newPara', 'removePara'),
  text: para,
  at: fc.nat(),
});

// Property tests: hundreds of generated cases each, CPU-bound, so a loaded machine stretches them
// to several seconds; their own limit keeps them clear of a timeout.
const PROPERTY_TIMEOUT = 30_000;

describe('text anchoring (fuzz)', { timeout: PROPERTY_TIMEOUT }, () => {
  it('finds a described range again at exactly the same place', () => {
    fc.assert(
      fc.property(doc, fc.nat(), fc.integer({ min: 1, max: 30 }), ([paras, bold], s, len) => {
        const d = build(paras, bold);
        const total = buildTextIndex(d.body).text.length;
        const start = s % (total - 1);
        const end = Math.min(total, start + len);
        const range = rangeAt(d, start, end);
        const q = describeRange(d.body, range)!;
        expect(q.exact).toBe(range.toString());
        // Offsets are only well defined when the quote appears once (shrinking makes repetitive text).
        fc.pre(buildTextIndex(d.body).text.split(q.exact).length === 2);
        const found = locateQuote(d.body, q)!;
        expect(found).not.toBeNull();
        expect(found.range.toString()).toBe(q.exact);
        // Unique-enough context: the very same offsets, not merely the same text.
        expect([found.start, found.end]).toEqual([start, end]);
      }),
      { numRuns: 300 },
    );
  });

  it('edits in paragraphs far from the quote do not move it', () => {
    fc.assert(
      fc.property(doc, fc.nat(), fc.nat(), fc.integer({ min: 2, max: 30 }), fc.array(edit, { minLength: 1, maxLength: 4 }), ([paras, bold], k0, s0, len, edits) => {
        // Plain paragraph for the quote (first child is its whole text), so offsets are easy to follow.
        const k = 2 + (k0 % (paras.length - 4));
        bold[k] = false;
        const d = build(paras, bold);
        const at = s0 % (paras[k]!.length - 1);
        const stop = Math.min(paras[k]!.length, at + len);
        const q = describeRange(d.body, rangeAt(d, offsetIn(d, k, at), offsetIn(d, k, stop)))!;
        const quoted = d.body.children[k]!;
        fc.pre(buildTextIndex(d.body).text.split(q.exact).length === 2);

        // Only paragraphs at least two away: the 32-character context never reaches them.
        for (const e of edits) {
          const far = Array.from(d.body.children).filter((_, i, all) => Math.abs(i - all.indexOf(quoted)) >= 2);
          if (!far.length) break;
          const target = far[e.at % far.length]!;
          if (e.kind === 'insert') target.append(e.text);
          else if (e.kind === 'delete') target.textContent = (target.textContent ?? '').slice(0, e.at % 20);
          else if (e.kind === 'replace') target.textContent = e.text;
          else if (e.kind === 'newPara') target.before(Object.assign(d.createElement('p'), { textContent: e.text }));
          else if (far.length > 1) target.remove();
        }

        // New text may repeat the quote by chance; the context must still pick the original.
        const found = locateQuote(d.body, q)!;
        expect(found).not.toBeNull();
        expect(found.range.toString()).toBe(q.exact);
        const idx = Array.from(d.body.children).indexOf(quoted);
        expect(found.start).toBe(offsetIn(d, idx, at));
        expect(found.range.startContainer.parentNode).toBe(quoted);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary quotes and only returns ranges of the page text', () => {
    const q = fc.record({ exact: fc.string({ maxLength: 30 }), prefix: fc.string({ maxLength: 32 }), suffix: fc.string({ maxLength: 32 }) });
    fc.assert(
      fc.property(doc, q, ([paras, bold], quote) => {
        const d = build(paras, bold);
        const text = buildTextIndex(d.body).text;
        const found = locateQuote(d.body, quote);
        if (found) {
          expect(found.start).toBeGreaterThanOrEqual(0);
          expect(found.end).toBeLessThanOrEqual(text.length);
          expect(found.range.toString()).toBe(text.slice(found.start, found.end));
        }
      }),
      { numRuns: 300 },
    );
  });
});
