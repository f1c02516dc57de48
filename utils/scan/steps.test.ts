import { describe, expect, it } from 'vitest';
import { runSliced, runSync } from '../steps';
import { PageModel, textOf, textSteps } from './page';
import { COLUMNS, columnsOf } from './columns';
import { DEFAULT_THRESHOLDS } from './types';
import { fixtureHtml, docFromHtml } from './testing';

const ctx = { monitoringDate: '2023-10-20', thresholds: DEFAULT_THRESHOLDS };

describe('sliced analyses', () => {
  it('gives the page the main thread back and returns what a straight run returns', async () => {
    const doc = docFromHtml(fixtureHtml('014-yichun-portal-home-raw.html'));
    let clock = 0;
    let yields = 0;
    // Every step "costs" 1 ms on this clock, so an 8 ms budget forces frequent yields.
    const now = () => clock++;
    const text = await runSliced(textSteps(doc.body), async () => void yields++, now);
    expect(text).toBe(textOf(doc.body));

    const sliced = new PageModel(doc, 'https://www.yichun.gov.cn/');
    await sliced.prepare(COLUMNS(ctx), async () => void yields++, now);
    const straight = columnsOf(new PageModel(doc, 'https://www.yichun.gov.cn/'), ctx);
    expect(columnsOf(sliced, ctx).map((c) => [c.name, c.newest, c.items.length])).toEqual(straight.map((c) => [c.name, c.newest, c.items.length]));
    expect(straight.length).toBeGreaterThan(0);
    expect(yields).toBeGreaterThan(0);
  });

  it('reads text of deeply nested layout tables without recursion limits', () => {
    const depth = 5000;
    const doc = docFromHtml(`<body>${'<div>'.repeat(depth)}底部文字${'</div>'.repeat(depth)}</body>`);
    expect(runSync(textSteps(doc.body)).trim()).toBe('底部文字');
  });
});
