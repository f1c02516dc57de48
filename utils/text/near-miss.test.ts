// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { findNearMisses, isSlip as slip, prepareNames } from './near-miss';
import { NAME_DATA } from './near-miss-data';

const quotes = (text: string) => findNearMisses(text, NAME_DATA).map((m) => `${text.slice(m.start, m.end)}>${m.name}`);
const isSlip = (a: string, b: string) => slip(a, b, NAME_DATA);

describe('official-name near misses', () => {
  it('has gazetteers of names and expressions, 4 to 16 characters, no duplicates', () => {
    const terms = [...NAME_DATA.names, ...NAME_DATA.phrases];
    expect(NAME_DATA.names.length).toBeGreaterThan(500);
    expect(new Set(terms).size).toBe(terms.length);
    for (const t of terms) expect(t, t).toMatch(/^[\u4e00-\u9fa5]{4,16}$/);
  });

  it('tells input-method slips from other characters', () => {
    expect(isSlip('正', '政')).toBe(true); // zheng
    expect(isSlip('里', '理')).toBe(true); // li
    expect(isSlip('已', '己')).toBe(true); // look-alike
    expect(isSlip('区', '市')).toBe(false);
  });

  it('finds one homophone slip inside a name, with the name it should be', () => {
    expect(quotes('县人民正府办公室关于印发通知')).toEqual(['人民正府办公室>人民政府办公室']);
    expect(quotes('由县市场监督管里局负责')).toEqual(['市场监督管里局>市场监督管理局']);
    expect(quotes('中华人民共和国宪法')).toEqual([]);
  });

  it('reports one wrong character once, with the longest name it sits in', () => {
    const found = findNearMisses('中华人民共合国成立七十五周年', NAME_DATA);
    expect(found).toHaveLength(1);
    expect(found[0]!.name).toBe('中华人民共和国');
  });

  it('leaves last characters (and first ones of short names) alone: there the "slip" is usually the next word', () => {
    expect(quotes('全县自然资源不断丰富')).toEqual([]);
    expect(quotes('推动工业和信息化不断发展，政务服务中新增窗口')).toEqual([]);
    expect(quotes('人民政府为民办实事')).toEqual([]);
  });

  it('does not report two wrong characters, other characters, or text that is not Chinese', () => {
    expect(quotes('人民证付')).toEqual([]);
    expect(quotes('人民区府')).toEqual([]);
    expect(quotes('人民 政府')).toEqual([]);
  });

  it('builds its index in steps the page scan can slice, once per data object', () => {
    const data = { ...NAME_DATA };
    const steps = prepareNames(data);
    let pauses = 0;
    let r = steps.next();
    while (!r.done) (pauses++, (r = steps.next()));
    expect(pauses).toBeGreaterThanOrEqual(2);
    const again = prepareNames(data).next();
    expect(again.done).toBe(true);
    expect(again.value).toBe(r.value);
  });
});
