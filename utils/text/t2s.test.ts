// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { t2sOf } from './t2s';
import { PAIRS } from './t2s-pairs';
import { getLexicon } from './lexicon';

const { toSimplified, isTraditional, size: T2S_SIZE } = t2sOf(PAIRS);

describe('t2s', () => {
  it('maps thousands of characters one to one, preserving length', () => {
    expect(T2S_SIZE).toBeGreaterThan(2500);
    const trad = '中華人民共和國國務院辦公廳關於進一步優化營商環境的意見';
    const simp = toSimplified(trad);
    expect(simp).toBe('中华人民共和国国务院办公厅关于进一步优化营商环境的意见');
    expect(simp.length).toBe(trad.length);
  });

  it('leaves Simplified text untouched and tells the scripts apart', () => {
    const s = '各级政府要认真贯彻落实党中央决策部署，扎实推进各项工作。';
    expect(toSimplified(s)).toBe(s);
    expect(isTraditional(s)).toBe(false);
    expect(isTraditional('臺灣地區與香港特別行政區的政府網站會顯示繁體中文內容，這裡的說明僅供參考。')).toBe(true);
  });

  it('finds a typo in Traditional text through the Simplified mapping, at the original offsets', () => {
    const text = '各單位要再接再勵，圓滿完成這項艱鉅的工作任務，確保實現預期目標。';
    const hits = getLexicon().find(toSimplified(text));
    expect(hits).toHaveLength(1);
    expect(text.slice(hits[0].start, hits[0].end)).toBe('再接再勵');
  });
});
