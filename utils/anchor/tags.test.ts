// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { markNumbers, placeTags, TAG_HEIGHT, tagWidth, type Rect, type TagInput } from './tags';

const text = (m: TagInput) => `${m.id}. ${m.label}`;
const num = (m: TagInput) => m.id;

function box(p: { left: number; top: number; compact: boolean }, m: TagInput): Rect {
  return { left: p.left, top: p.top, width: tagWidth(p.compact ? num(m) : text(m)), height: TAG_HEIGHT };
}
function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

describe('tag placement', () => {
  it('keeps the usual place above the text when it is free', () => {
    const m = { id: '1', label: '错别字', rects: [{ left: 100, top: 100, width: 48, height: 16 }] };
    expect(placeTags([m], text, num).get('1')).toEqual({ left: 98, top: 100 - 2 - TAG_HEIGHT, compact: false });
  });

  it('in a 信箱 table with a marked date on every row, no tag covers any marked date or another tag', () => {
    // 12 rows, 20 px apart, each with a marked date (reply overdue) in the same column.
    const marks: TagInput[] = Array.from({ length: 12 }, (_, k) => ({
      id: String(k + 1),
      label: '留言超过3个月未回复',
      rects: [{ left: 600, top: 200 + k * 20, width: 80, height: 16 }],
    }));
    const places = placeTags(marks, text, num);
    const tags = marks.map((m) => box(places.get(m.id)!, m));
    for (const t of tags) for (const m of marks) for (const r of m.rects) expect(overlaps(t, r), JSON.stringify({ t, r })).toBe(false);
    for (let i = 0; i < tags.length; i++) for (let j = i + 1; j < tags.length; j++) expect(overlaps(tags[i]!, tags[j]!)).toBe(false);
  });

  it('shrinks to the number when the text is boxed in on every side, and still never hides its own text', () => {
    const own = { left: 100, top: 100, width: 40, height: 16 };
    const around: TagInput[] = [
      { id: 'a', label: 'x', rects: [{ left: 0, top: 76, width: 400, height: 22 }] },
      { id: 'b', label: 'x', rects: [{ left: 0, top: 118, width: 400, height: 22 }] },
      { id: 'c', label: 'x', rects: [{ left: 142, top: 98, width: 300, height: 20 }] },
      { id: 'd', label: 'x', rects: [{ left: 0, top: 98, width: 98, height: 20 }] },
    ];
    const m = { id: '7', label: '一个相当长的问题标签文字', rects: [own] };
    const p = placeTags([...around, m], text, num).get('7')!;
    expect(p.compact).toBe(true);
    expect(overlaps(box(p, m), own)).toBe(false);
  });
});

describe('mark numbers', () => {
  it('do not change when a finding is confirmed or dismissed, or when the list comes back in another order', () => {
    const fs = [
      { id: 'b', severity: 'deduct', createdAt: 2 },
      { id: 'a', severity: 'deduct', createdAt: 1 },
      { id: 'v', severity: 'veto', createdAt: 3 },
      { id: 'h', severity: 'hint', createdAt: 0 },
    ];
    const before = markNumbers(fs);
    expect(Object.fromEntries(before)).toEqual({ v: 1, a: 2, b: 3, h: 4 });
    expect(markNumbers([...fs].reverse())).toEqual(before);
  });
});
