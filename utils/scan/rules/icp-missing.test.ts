import { describe, expect, it } from 'vitest';
import { loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './icp-missing';

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
const ART = 'https://www.example.gov.cn/xw/202503/t20250301_1.html';

describe('icp-missing', () => {
  it('fires on a footer without an ICP number', () => {
    const found = rule.check(loadPage('identity-missing-all.html', ART), ctx);
    expect(found).toHaveLength(1);
    expect(String(found[0].detail?.lookedFor)).toContain('ICP备');
  });

  it('reads an ICP number split across elements', () => {
    expect(rule.check(loadPage('identity-script-badge-only.html', ART), ctx)).toHaveLength(0);
  });
});
