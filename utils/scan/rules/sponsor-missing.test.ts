import { describe, expect, it } from 'vitest';
import { corpusManifest, loadPage } from '../testing';
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

  it('accepts 主办单位 / 主办： / 主办方 on every corpus page', () => {
    for (const e of corpusManifest()) {
      expect(rule.check(loadPage(e.file), ctx), e.file).toHaveLength(0);
    }
  });
});
