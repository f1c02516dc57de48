// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InspectorDB } from './db';
import * as repo from './repo';
import * as checks from './checks';
import { DEFAULT_PLAN, slotCount, slotTime, windowEnd, type ProbeRecord } from '../availability/plan';
import { rule as brokenLink } from '../scan/rules/broken-link';
import { classifyLink } from '../net/classify';
import type { CheckRule } from '../scan/check-rule';

const NOW = Date.UTC(2025, 2, 3, 0, 0);
let db: InspectorDB;
let n = 0;
beforeEach(() => {
  db = new InspectorDB(`checks-${n++}`);
});
afterEach(async () => {
  await db.delete();
});

const target = { host: 'www.a.gov.cn', url: 'http://www.a.gov.cn/', siteIds: ['a.gov.cn'], name: '甲县人民政府' };

describe('monitor windows and probe log', () => {
  it('keeps one window running at a time and records each slot once', async () => {
    const w = await checks.startWindow(db, DEFAULT_PLAN, [target], NOW);
    await expect(checks.startWindow(db, DEFAULT_PLAN, [target], NOW + 1)).rejects.toThrow('已有一个监测窗口在运行');
    const probe = (outcome: 'ok' | 'fail'): ProbeRecord => ({ windowId: w.id, host: target.host, slot: 0, scheduledAt: NOW, at: NOW, ms: 20, outcome, kind: outcome === 'ok' ? 'ok' : 'timeout', status: null, error: '' });
    await checks.recordProbes(db, [probe('fail')]);
    await checks.recordProbes(db, [probe('ok')]); // a worker that restarted mid-probe re-runs it: the first record stays
    const log = await checks.windowProbes(db, w.id);
    expect(log.map((p) => p.outcome)).toEqual(['fail']);
    await checks.endWindow(db, w.id, 'stopped', NOW + 5);
    expect(await checks.runningWindow(db)).toBeUndefined();
    expect((await checks.latestWindow(db))?.state).toBe('stopped');
  });

  it('turns a complete window at ≥ 5 % failures into a 站点无法访问 veto in the window\'s round', async () => {
    await db.sites.put({ id: 'a.gov.cn', kind: 'website', name: '甲县人民政府', hosts: ['www.a.gov.cn', 'a.gov.cn'], url: 'http://www.a.gov.cn/', siteCode: '', sponsor: '', unit: '', platform: '', onRoster: true, updatedAt: 0 });
    const w = await checks.startWindow(db, DEFAULT_PLAN, [target], NOW);
    const records: ProbeRecord[] = [];
    for (let s = 0; s < slotCount(w.plan); s++) {
      const fail = s < 9;
      records.push({ windowId: w.id, host: target.host, slot: s, scheduledAt: slotTime(w, 0, s), at: slotTime(w, 0, s), ms: 10, outcome: fail ? 'fail' : 'ok', kind: fail ? 'refused' : 'ok', status: fail ? null : 200, error: '' });
    }
    await checks.recordProbes(db, records);
    expect(await checks.saveWindowVerdicts(db, w, windowEnd(w) + 1)).toBe(1);
    const [f] = await repo.pageFindings(db, 'http://www.a.gov.cn/');
    expect(f).toMatchObject({ ruleId: 'site-unreachable', severity: 'veto', category: '可用性', roundId: w.roundId, siteId: 'a.gov.cn', status: 'open' });
    expect(String(f!.detail.probeLog)).toContain('连接被拒绝');
  });
});

describe('link-check findings', () => {
  const page = { url: 'http://www.a.gov.cn/col/tzgg/', title: '通知公告_甲县人民政府' };
  const link = (url: string, text: string) => ({ url, text, quote: { exact: text, prefix: '前文', suffix: '后文' }, sameSite: true });

  it('are stored with their quote, kept by a page rescan, and retired when the link works again', async () => {
    const gone = link('http://www.a.gov.cn/gone.html', '旧通知');
    const first = brokenLink.check([{ link: gone, verdict: classifyLink({ url: gone.url, status: 404 }) }]);
    await checks.saveCheckFindings(db, brokenLink as CheckRule<never>, page, first, NOW);
    let [f] = await repo.pageFindings(db, page.url);
    expect(f).toMatchObject({ ruleId: 'broken-link', quote: { exact: '旧通知', prefix: '前文', suffix: '后文' }, detail: { href: gone.url }, stillPresent: true });

    // the content script rescans the page: the link finding is not its to retire
    await repo.saveScan(db, { url: page.url, title: page.title, pageType: 'list', findings: [], columns: [], latestDate: null, errors: [], ms: 1 }, NOW + 1);
    [f] = await repo.pageFindings(db, page.url);
    expect(f!.stillPresent).toBe(true);

    // confirmed by the inspector, then checked again after the fix
    await repo.updateFinding(db, f!.id, { status: 'confirmed' });
    await checks.saveCheckFindings(db, brokenLink as CheckRule<never>, page, brokenLink.check([{ link: gone, verdict: classifyLink({ url: gone.url, status: 200 }) }]), NOW + 2);
    [f] = await repo.pageFindings(db, page.url);
    expect(f).toMatchObject({ status: 'confirmed', stillPresent: false });
  });

  it('tells two broken links with the same text apart by address', async () => {
    const a = link('http://www.a.gov.cn/1.html', '更多');
    const b = link('http://www.a.gov.cn/2.html', '更多');
    const found = brokenLink.check([a, b].map((l) => ({ link: l, verdict: classifyLink({ url: l.url, status: 404 }) })));
    await checks.saveCheckFindings(db, brokenLink as CheckRule<never>, page, found, NOW);
    expect(await repo.pageFindings(db, page.url)).toHaveLength(2);
  });
});
