import { describe, expect, it } from 'vitest';
import { loadPage } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { rule } from './hidden-links';

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
const HOME = 'https://www.example.gov.cn/';

describe('hidden-links', () => {
  it('fires on spam links moved off-screen, with href/text/why evidence', () => {
    const found = rule.check(loadPage('tamper-hidden-offscreen.html', HOME), ctx);
    expect(found).toHaveLength(4);
    expect(found.every((f) => !f.review)).toBe(true);
    expect(found[0].detail).toMatchObject({ href: 'http://www.bc-888.com/', text: '澳门新葡京' });
    expect(String(found[0].detail?.why)).toContain('移出屏幕');
  });

  it('fires on a hidden spam block injected after </html>', () => {
    const found = rule.check(loadPage('tamper-after-html.html', HOME), ctx);
    expect(found).toHaveLength(3);
    expect(String(found[0].detail?.why)).toContain('display:none');
  });

  it('fires on stealth-hidden (font-size 0) links to several unknown hosts', () => {
    const found = rule.check(loadPage('tamper-stealth-nonspam.html', HOME), ctx);
    expect(found).toHaveLength(3);
    expect(String(found[0].detail?.why)).toContain('字号');
  });

  it('does not fire on lottery-centre words, crackdown news, hidden menus or share widgets', () => {
    expect(rule.check(loadPage('tamper-clean-lottery.html', HOME), ctx)).toEqual([]);
  });
});
