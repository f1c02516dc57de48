import { describe, expect, it } from 'vitest';
import { rule } from './official-name';
import { pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';
import { NAME_DATA } from '../../text/near-miss-data';

const ctx = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS, names: NAME_DATA };
const FILLER = '会议强调，各级各部门要提高政治站位，压紧压实责任，推动各项工作落地见效，切实维护人民群众生命财产安全。';

function article(p: string, title = '县政府召开常务会议') {
  return pageFromHtml(
    `<html><head><title>${title}</title></head><body><div id="zoom"><p>${FILLER}</p><p>${p}</p></div></body></html>`,
    'https://www.example.gov.cn/art/2024/5/10/art_1_123.html',
  );
}

describe('official-name', () => {
  it('marks a name with one homophone slip for review, quoting the page text', () => {
    const [c, ...rest] = rule.check(article('会议由县市场监督管里局局长主持。'), ctx);
    expect(rest).toEqual([]);
    expect(c!.quote).toBe('市场监督管里局');
    expect(c!.review).toBe(true);
    expect(c!.message).toContain('应为“市场监督管理局”');
  });

  it('marks a slip in a set expression as an ordinary typo (扣分), still for review', () => {
    const [c, ...rest] = rule.check(article('全县各级要牢牢把握意识行态工作领导权。'), ctx);
    expect(rest).toEqual([]);
    expect(c!.quote).toContain('意识行态');
    expect(c!.severity).toBe('deduct');
    expect(c!.message).toContain('规范表述疑似错写');
  });

  it('leaves a slip the lexicon already lists to the typo rule: one error, one mark', () => {
    expect(rule.check(article('会议对下一步工作进行了安排布署。'), ctx)).toEqual([]);
  });

  it('does not fire on correct names or on the inspector’s exceptions', () => {
    expect(rule.check(article('会议由县市场监督管理局局长主持，县人民政府办公室承办。'), ctx)).toEqual([]);
    const own = { ...ctx, lexicon: { extra: [], exceptions: ['市场监督管里局'] } };
    expect(rule.check(article('会议由县市场监督管里局局长主持。'), own)).toEqual([]);
  });

  it('is off when the context carries no name data', () => {
    expect(rule.check(article('会议由县市场监督管里局局长主持。'), { ...ctx, names: undefined })).toEqual([]);
  });
});
