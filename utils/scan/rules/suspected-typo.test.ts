import { describe, expect, it } from 'vitest';
import { rule } from './suspected-typo';
import { pageFromHtml } from '../testing';
import { textBlocks } from '../text-blocks';
import { DEFAULT_THRESHOLDS, type ScanContext } from '../types';
import type { SuspectHit } from '../../text/suspect/tiers';

const base: ScanContext = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS };
const SLIP = '对包括国企、民企、外企在内的各类市场主体一视同人。';

function article(body: string) {
  return pageFromHtml(
    `<html><head><title>关于优化营商环境的通知_某县人民政府</title></head><body>
     <div id="zoom"><p>为进一步做好相关工作，现将有关事项通知如下。</p>${body}</div>
     <div class="footer">主办单位：某县人民政府办公室</div></body></html>`,
    'https://www.example.gov.cn/art/2024/5/10/art_1_123.html',
  );
}

/** What the offscreen model answers for the slip (the checker's own test covers the model). */
function hitFor(text: string, tier: SuspectHit['tier'] = 'mark'): SuspectHit {
  const index = text.indexOf('同人') + 1;
  return { index, wrong: '人', right: '仁', word: '一视同仁', wordStart: index - 3, gain: 6.1, source: 'same', tier };
}

function ctxFor(page: ReturnType<typeof article>, tier: SuspectHit['tier'] = 'mark', extra: Partial<ScanContext> = {}): ScanContext {
  const map = new Map<string, SuspectHit[]>();
  for (const b of textBlocks(page)) map.set(b.scan, b.scan.includes('同人') ? [hitFor(b.scan, tier)] : []);
  return { ...base, typoSuspects: map, ...extra };
}

describe('suspected-typo', () => {
  it('places the model’s suspect on its word, 待核实, with tier, proposal and sentence', () => {
    const page = article(`<p>${SLIP}</p>`);
    const found = rule.check(page, ctxFor(page));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ quote: '一视同人', review: true });
    expect(found[0].message).toContain('疑为“一视同仁”');
    expect(found[0].detail).toMatchObject({ tier: 'mark', wrong: '人', right: '仁', sentence: SLIP });
  });

  it('keeps the second tier as tier list (the side panel lists it, the page never marks it)', () => {
    const page = article(`<p>${SLIP}</p>`);
    expect(rule.check(page, ctxFor(page, 'list'))[0].detail?.tier).toBe('list');
  });

  it('is silent without the model, and on the inspector’s exceptions', () => {
    const page = article(`<p>${SLIP}</p>`);
    expect(rule.check(page, base)).toEqual([]);
    const excepted = ctxFor(page, 'mark', { lexicon: { extra: [], exceptions: ['一视同人'] } });
    expect(rule.check(page, excepted)).toHaveLength(0);
  });

  it('leaves to the lexicon what the lexicon marks (one error, one mark)', () => {
    const text = '各乡镇要再接再励，全面完成隐患排查。';
    const page = article(`<p>${text}</p>`);
    const at = text.indexOf('励');
    const map = new Map(textBlocks(page).map((b) => [b.scan, b.scan === text ? [{ index: at, wrong: '励', right: '厉', word: '再接再厉', wordStart: at - 3, gain: 7, source: 'same' as const, tier: 'mark' as const }] : []]));
    expect(rule.check(page, { ...base, typoSuspects: map })).toEqual([]);
  });
});
