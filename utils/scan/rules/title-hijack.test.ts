import { describe, expect, it } from 'vitest';
import { loadPage, pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { isSpam, rule, spamScore } from './title-hijack';

const ctx = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };

describe('title-hijack', () => {
  it('fires on the hijacked title seen in a real notice, and on stuffed keywords', () => {
    const found = rule.check(loadPage('tamper-title-spam.html'), ctx);
    expect(found).toHaveLength(2);
    expect(found[0].detail?.field).toBe('网页标题<title>');
    expect(String(found[0].detail?.strong)).toContain('毛片');
    expect(found[1].detail?.field).toBe('meta keywords');
  });

  it('fires on spam written by an escaped inline script', () => {
    const esc = Array.from('澳门新葡京百家乐真人荷官').map((c) => '%u' + c.charCodeAt(0).toString(16)).join('');
    const page = pageFromHtml(`<title>某某县人民政府</title><script>document.title = unescape("${esc}");</script><p>正文</p>`);
    expect(rule.check(page, ctx)).toHaveLength(1);
  });

  it('does not fire on 体育彩票管理中心 or crackdown wording', () => {
    expect(rule.check(loadPage('tamper-clean-lottery.html'), ctx)).toEqual([]);
    expect(isSpam(spamScore('严厉打击网络赌博 查处色情网站 无码视频'))).toBe(false);
    expect(isSpam(spamScore('国家体育总局体育彩票管理中心'))).toBe(false);
  });
});
