import { describe, expect, it } from 'vitest';
import { loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './interpretation-unlinked';

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
const JD = 'https://www.example.gov.cn/zcjd/202502/t20250212_90.html';
const WJ = 'https://www.example.gov.cn/zcwj/202502/t20250210_88.html';

describe('interpretation-unlinked', () => {
  it('fires on a 政策解读 page with no link to its 原文', () => {
    const found = rule.check(loadPage('interact-jiedu-unlinked.html', JD), ctx);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('《某某市城市更新管理办法》');
    expect(found[0].review).toBeFalsy();
  });

  it('does not fire once the 原文链接 is there (nav 政策文件 link does not count either way)', () => {
    expect(rule.check(loadPage('interact-jiedu-linked.html', JD), ctx)).toEqual([]);
  });

  it('hints at an empty 相关解读 block on a 文件 page', () => {
    const found = rule.check(loadPage('interact-wenjian-empty-jiedu.html', WJ), ctx);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('hint');
  });
});
