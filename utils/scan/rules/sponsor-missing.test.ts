import { describe, expect, it } from 'vitest';
import { loadPage, pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './sponsor-missing';

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
const ART = 'https://www.example.gov.cn/xw/202503/t20250301_1.html';

describe('sponsor-missing', () => {
  it('fires for a footer with neither 主办单位 nor contact', () => {
    const found = rule.check(loadPage('identity-missing-all.html', ART), ctx);
    expect(found).toHaveLength(2);
    expect(found.map((f) => f.message)).toEqual(['页面底部未列明主办单位', '页面底部未列明联系方式']);
  });

  it('accepts a footer with 主办方 and a telephone number (every corpus page: corpus.test.ts)', () => {
    const page = pageFromHtml('<p>正文</p><div class="footer">主办方：某某县人民政府办公室 联系电话：0795-1234567</div>', ART);
    expect(rule.check(page, ctx)).toHaveLength(0);
  });
});
