import { describe, expect, it } from 'vitest';
import { pageFromHtml } from './testing';
import { DEFAULT_THRESHOLDS, type Rule, type ScanContext } from './types';
import { checkTexts, lexiconHitsOf, nearMissesOf, textChecksContext, textsToCheck, type TextChecks } from './text-checks';
import { findNearMisses } from '../text/near-miss';
import { lexiconFor } from '../text/lexicon';
import { NAME_DATA } from '../text/near-miss-data';
import { scanDocument } from './scan';
import { textBlocks } from './text-blocks';
import { RULES } from './rules';

const ctx: ScanContext = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS, names: NAME_DATA };
const html = `<html><head><title>某县人民正府关于做好防汛工作的通知</title></head><body><div id="zoom"><p>各乡镇要认真贯彻落实县人民正府的部署，按步就班推进。</p><p>2025</p></div></body></html>`;
const url = 'https://www.example.gov.cn/art/2024/5/10/art_1_1.html';

/** What the background answers (entrypoints/background: 'text:check'). */
async function background(texts: string[]): Promise<TextChecks> {
  return checkTexts(texts, lexiconFor(undefined), NAME_DATA);
}

describe('name slips and lexicon hits found in the background (content-script side)', () => {
  it('sends each Chinese block once and keys the answer by block text', async () => {
    const page = pageFromHtml(html, url);
    let sent: string[] = [];
    const out = await textChecksContext(page, async (texts) => {
      sent = texts;
      return background(texts);
    });
    expect(new Set(sent).size).toBe(sent.length);
    // Every block: a rule reading a block the background was not sent would compile the lexicon after all.
    expect(sent).toEqual(expect.arrayContaining(textBlocks(pageFromHtml(html, url)).map((b) => b.scan)));
    const body = sent.find((t) => t.includes('贯彻落实'))!;
    expect(nearMissesOf(body, { ...ctx, names: undefined, ...out }).map((m) => m.name)).toContain('县人民政府');
    expect(lexiconHitsOf(body, { ...ctx, ...out }).map((h) => h.entry.right)).toContain('按部就班');
  });

  it('the lexicon hits that cross the message are plain data, and the typo rule marks them as found here', async () => {
    const [text] = textsToCheck(pageFromHtml(html, url)).filter((t) => t.includes('按步就班'));
    const { typos } = await background([text!]);
    expect(JSON.parse(JSON.stringify(typos))).toEqual(typos);
    const plain = await scanDocument(pageFromHtml(html, url).doc, url, ctx);
    const asked = await scanDocument(pageFromHtml(html, url).doc, url, ctx, { yieldToPage: async () => undefined, prepare: (page) => textChecksContext(page, background) });
    const typo = (r: typeof plain) => r.findings.filter((f) => f.ruleId === 'typo').map((f) => f.message);
    expect(typo(asked)).toEqual(typo(plain));
    expect(typo(plain).join()).toContain('按部就班');
  });

  it('an answer the background gives is the only one: a text it found nothing in has no lexicon hit', () => {
    const text = '按步就班';
    expect(lexiconHitsOf(text, ctx).length).toBe(1);
    expect(lexiconHitsOf(text, { ...ctx, lexiconHits: new Map([[text, []]]) })).toEqual([]);
  });

  it('an answer of the wrong shape is no answer: the rules fall back to the names they have', async () => {
    const page = pageFromHtml(html, url);
    expect(await textChecksContext(page, async () => ({ misses: [], typos: [] }))).toEqual({});
    expect(await textChecksContext(page, async (texts) => ({ ...(await background(texts)), typos: [] }))).toEqual({});
    const [text] = textsToCheck(page);
    expect(nearMissesOf(text!, ctx)).toEqual(findNearMisses(text!, NAME_DATA));
  });

  it('the background’s answer wins over the local index, and no answer for a text means no slip', () => {
    const text = '县人民正府';
    expect(nearMissesOf(text, { ...ctx, nearMisses: new Map() })).toEqual([]);
    expect(nearMissesOf(text, { ...ctx, names: undefined })).toEqual([]);
  });
});

describe('scan with an asynchronous prepare', () => {
  it('runs the other rules without waiting for prepare, the late ones with its answer, and finds what a plain scan finds', async () => {
    const late = RULES.filter((r) => r.late).map((r) => r.meta.id);
    expect(late).toEqual(expect.arrayContaining(['official-name', 'suspected-typo', 'typo']));
    const ran: string[] = [];
    let othersDone: () => void = () => undefined;
    const othersRan = new Promise<void>((resolve) => (othersDone = resolve));
    const rules = RULES.map((r): Rule => ({
      ...r,
      check: (p, c) => {
        ran.push(r.meta.id);
        if (ran.length === RULES.length - late.length) othersDone();
        return r.check(p, c);
      },
    }));
    // prepare answers only once every other rule has run: a scan that waited for it first would never end.
    const result = await scanDocument(pageFromHtml(html, url).doc, url, { ...ctx, names: undefined }, {
      rules,
      yieldToPage: async () => undefined,
      prepare: async (page) => {
        await othersRan;
        return textChecksContext(page, background);
      },
    });
    expect(ran.slice(-late.length).sort()).toEqual([...late].sort());
    const plain = await scanDocument(pageFromHtml(html, url).doc, url, ctx);
    const names = (r: typeof result) => r.findings.filter((f) => f.ruleId === 'official-name').map((f) => f.quote?.exact);
    expect(names(result)).toEqual(names(plain));
    expect(names(result).length).toBeGreaterThan(0);
  });

  it('a prepare that fails silences only what needed it', async () => {
    const result = await scanDocument(pageFromHtml(html, url).doc, url, ctx, {
      yieldToPage: async () => undefined,
      prepare: async () => {
        throw new Error('后台没有响应');
      },
    });
    expect(result.errors).toEqual([]);
    // No answer from the background: the names index is built here, so the slip is still found.
    expect(result.findings.some((f) => f.ruleId === 'official-name')).toBe(true);
  });
});
