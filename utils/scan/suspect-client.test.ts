import { describe, expect, it } from 'vitest';
import { pageFromHtml } from './testing';
import { DEFAULT_THRESHOLDS, type ScanContext } from './types';
import { textsForModel, typoContext } from './suspect-client';
import { MAX_CHECK_CHARS } from '../text/suspect/tiers';

const ctx: ScanContext = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS, lexicon: { extra: [], exceptions: ['龙湖佳园'] } };
const page = (body: string) =>
  pageFromHtml(`<html><head><title>关于做好防汛工作的通知_某县人民政府</title></head><body><div id="zoom">${body}</div></body></html>`, 'https://www.example.gov.cn/art/2024/5/10/art_1_1.html');

describe('suspected-typo client (content-script side)', () => {
  it('sends title and paragraphs once each, with the inspector’s exceptions as new terms', async () => {
    const p = page('<p>各乡镇要切实做好防汛准备。</p><p>各乡镇要切实做好防汛准备。</p>');
    let sent: { texts: string[]; terms: string[] } | null = null;
    const out = await typoContext(p, ctx, async (texts, terms) => {
      sent = { texts, terms };
      return { hits: texts.map(() => []) };
    });
    const texts = sent!.texts;
    expect(texts[0]).toBe('关于做好防汛工作的通知_某县人民政府');
    expect(texts.some((t) => t.includes('防汛准备'))).toBe(true);
    expect(new Set(texts).size).toBe(texts.length);
    expect(sent!.terms).toEqual(['龙湖佳园']);
    expect(out.typoSuspects?.size).toBe(texts.length);
  });

  it('sends the roster’s names (stems derived in the background) as never-flagged terms', async () => {
    let terms: string[] = [];
    await typoContext(page('<p>各乡镇要切实做好防汛准备。</p>'), { ...ctx, rosterTerms: ['西安市鄠邑区人民政府门户网站', '西安市鄠邑区'] }, async (texts, t) => {
      terms = t;
      return { hits: texts.map(() => []) };
    });
    expect(terms).toEqual(['龙湖佳园', '西安市鄠邑区人民政府门户网站', '西安市鄠邑区']);
  });

  it('bounds what a huge page sends', () => {
    const para = `<p>${'各地区各部门要认真贯彻落实党中央决策部署。'.repeat(50)}</p>`;
    const texts = textsForModel(page(Array.from({ length: 200 }, (_, i) => para.replace('各地区', `第${i}段各地区`)).join('')));
    expect(texts.join('').length).toBeLessThanOrEqual(MAX_CHECK_CHARS);
    expect(texts.length).toBeGreaterThan(0);
  });

  it('a failing model costs the scan nothing: no suspects, no error', async () => {
    const out = await typoContext(page('<p>各乡镇要切实做好防汛准备。</p>'), ctx, async () => {
      throw new Error('离线语言模型没有响应');
    });
    expect(out).toEqual({});
  });
});
