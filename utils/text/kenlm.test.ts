// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KenlmFormatError, parseKenlm } from './kenlm';

const modelBytes = readFileSync(join(import.meta.dirname, '..', '..', 'public', 'lm', 'zh_CN.lm'));
const golden = readFileSync(join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'kenlm-golden', 'zh_CN-golden.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [words, total] = line.split('\t');
    return { words: words.split(' '), total: Number(total) };
  });

describe('KenLM binary reader', () => {
  const model = parseKenlm(modelBytes);

  it('reads the header counts of the shipped model', () => {
    expect(model.order).toBe(3);
    expect(model.counts).toEqual([164887, 1983152, 634213]);
  });

  it("reproduces KenLM's own scores on all 1,500 golden sequences within 1e-4", () => {
    expect(golden.length).toBe(1500);
    const off = golden.filter(({ words, total }) => !(Math.abs(model.score(words) - total) <= 1e-4));
    expect(off.map((g) => g.words.join(' '))).toEqual([]);
  });

  it('knows vocabulary words and maps others to <unk>', () => {
    expect(model.has('编制')).toBe(true);
    expect(model.has('编织')).toBe(true);
    expect(model.has('大数局')).toBe(false);
    expect(model.index('大数局')).toBe(0);
  });

  it('prefers the right word in context (the model carries real statistics)', () => {
    const right = model.score(['人员', '编制']);
    const wrong = model.score(['人员', '编织']);
    expect(right).toBeGreaterThan(wrong);
  });

  it('rejects a truncated or foreign file with a Chinese message', () => {
    expect(() => parseKenlm(new Uint8Array(100))).toThrow(KenlmFormatError);
    expect(() => parseKenlm(modelBytes.subarray(0, 4_000_000))).toThrow(/语言模型文件无法读取/);
    const foreign = new Uint8Array(modelBytes.subarray(0, 4096));
    foreign[0] = 0x41;
    expect(() => parseKenlm(foreign)).toThrow(/不是 KenLM/);
  });
});
