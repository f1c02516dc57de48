// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InspectorDB } from './db';
import * as repo from './repo';
import type { ScanFinding, ScanResult } from '../scan/types';

const URL_A = 'http://www.sfx.gov.cn/art/typo.html?utm_source=x#top';
const NOW = Date.UTC(2025, 2, 20, 2, 0); // 2025-03-20 10:00 China time

function finding(ruleId: string, exact: string | null, message = `问题 ${exact}`): ScanFinding {
  return {
    ruleId,
    severity: 'deduct',
    title: ruleId,
    category: '错别字',
    message,
    quote: exact ? { exact, prefix: '要', suffix: '推进' } : null,
    detail: {},
    review: false,
  };
}

function result(findings: ScanFinding[], url = URL_A): ScanResult {
  return { url, title: '会议_示范县人民政府', pageType: 'article', findings, columns: [], latestDate: null, errors: [], ms: 1 };
}

let db: InspectorDB;
let n = 0;
beforeEach(() => {
  db = new InspectorDB(`test-${n++}`);
});
afterEach(async () => {
  await db.delete();
});

describe('repository', () => {
  it('starts a round for the current quarter with today (China time) as 检查时间点', async () => {
    const round = await repo.currentRound(db, NOW);
    expect(round).toMatchObject({ id: '2025Q1', monitoringDate: '2025-03-20' });
  });

  it('a first read of the settings at the same time as setting the round never undoes the round', async () => {
    for (let i = 0; i < 5; i++) {
      const fresh = new InspectorDB(`race-${n}-${i}`);
      // The inspector sets the round while the worker, just started, reads the settings for the
      // first time: its read finds none, and its write of the defaults comes after the round's.
      const set = repo.setRound(fresh, '2024Q1', '2024-03-20', NOW);
      const first = repo.getSettings(fresh, NOW);
      await Promise.all([set, first]);
      expect((await repo.getSettings(fresh, NOW)).currentRoundId).toBe('2024Q1');
      expect((await repo.currentRound(fresh, NOW)).monitoringDate).toBe('2024-03-20');
      fresh.close();
    }
  });

  it('never duplicates a finding when the same page is scanned again', async () => {
    await repo.saveScan(db, result([finding('typo', '按步就班'), finding('typo', '再接再励')]), NOW);
    const again = await repo.saveScan(db, result([finding('typo', '按步就班'), finding('typo', '再接再励')]), NOW + 1000);
    expect(again).toHaveLength(2);
    expect(await db.findings.count()).toBe(2);
  });

  it('treats the same page under a different hash or tracking query as one page', async () => {
    await repo.saveScan(db, result([finding('typo', '按步就班')]), NOW);
    await repo.saveScan(db, result([finding('typo', '按步就班')], 'http://www.sfx.gov.cn/art/typo.html'), NOW);
    expect(await db.findings.count()).toBe(1);
  });

  it('keeps the inspector verdict and wording across re-scans', async () => {
    const [f] = await repo.saveScan(db, result([finding('typo', '按步就班')]), NOW);
    await repo.updateFinding(db, f.id, { status: 'confirmed', message: '“按步就班”应为“按部就班”' }, NOW);
    const [again] = await repo.saveScan(db, result([finding('typo', '按步就班')]), NOW + 5000);
    expect(again).toMatchObject({ status: 'confirmed', message: '“按步就班”应为“按部就班”' });
  });

  it('remembers a dismissal per site, rule and quote: the false alarm does not come back', async () => {
    const [f] = await repo.saveScan(db, result([finding('typo', '按步就班')]), NOW);
    await repo.updateFinding(db, f.id, { status: 'dismissed', dismissReason: '专有名词' }, NOW);
    await db.findings.delete(f.id); // even if the record itself were lost, the dismissal holds
    const again = await repo.saveScan(db, result([finding('typo', '按步就班')], 'http://www.sfx.gov.cn/other.html'), NOW);
    expect(again).toHaveLength(0);
    expect(await db.dismissals.count()).toBe(1);
  });

  it('marks auto findings the page no longer produces as not present, without deleting them', async () => {
    await repo.saveScan(db, result([finding('typo', '按步就班'), finding('typo', '再接再励')]), NOW);
    const after = await repo.saveScan(db, result([finding('typo', '按步就班')]), NOW + 1);
    expect(after).toHaveLength(2);
    expect(after.find((f) => f.quote?.exact === '再接再励')?.stillPresent).toBe(false);
  });

  it('stores manual findings as confirmed, linked to the page and site', async () => {
    const m = await repo.addManualFinding(db, { url: URL_A, title: '会议_示范县人民政府', quote: { exact: '县委常委', prefix: '', suffix: '' }, message: '缺少姓名', note: '', severity: 'deduct', category: '其他' }, NOW);
    expect(m).toMatchObject({ status: 'confirmed', source: 'manual', siteId: 'sfx.gov.cn', pageUrl: 'www.sfx.gov.cn/art/typo.html' });
    const site = await db.sites.get('sfx.gov.cn');
    expect(site?.name).toBe('示范县人民政府');
  });

  it('links pages to a rostered site by any of its hosts', async () => {
    await db.sites.put({ id: 'r1', kind: 'website', name: '示范县政府网', hosts: ['www.sfx.gov.cn', 'sfx.gov.cn'], url: 'http://www.sfx.gov.cn/', siteCode: '4101990001', sponsor: '', unit: '示范县', platform: '', onRoster: true, updatedAt: NOW });
    await repo.saveScan(db, result([finding('typo', '按步就班')], 'http://sfx.gov.cn/a.html'), NOW);
    expect((await db.findings.toArray())[0].siteId).toBe('r1');
    expect((await repo.scanContextFor(db, 'http://www.sfx.gov.cn/')).rosterSiteCode).toBe('4101990001');
  });

  it('sends the roster’s names with every scan context (suspected-typo guards them), not those of unrostered sites', async () => {
    await db.sites.put({ id: 'r1', kind: 'website', name: '示范县政府网', hosts: ['www.sfx.gov.cn'], url: 'http://www.sfx.gov.cn/', siteCode: '4101990001', sponsor: '示范县人民政府办公室', unit: '示范县', platform: '', onRoster: true, updatedAt: NOW });
    await db.sites.put({ id: 'v1', kind: 'website', name: '某临时网站', hosts: ['www.other.gov.cn'], url: 'http://www.other.gov.cn/', siteCode: '', sponsor: '', unit: '', platform: '', onRoster: false, updatedAt: NOW });
    const terms = (await repo.scanContextFor(db, 'http://www.other.gov.cn/')).rosterTerms;
    expect(terms).toEqual(expect.arrayContaining(['示范县政府网', '示范县人民政府办公室', '示范县', '示范']));
    expect(terms).not.toContain('某临时网站');
  });
});

describe('dismissal review and screenshots', () => {
  it('restores a dismissed false alarm: the finding is open again and may return', async () => {
    const [f] = await repo.saveScan(db, result([finding('typo', '按步就班')]), NOW);
    await repo.updateFinding(db, f.id, { status: 'dismissed' }, NOW);
    const [d] = await repo.listDismissals(db, f.siteId);
    expect(d.quote).toBe('按步就班');
    await repo.restoreDismissal(db, d.key, NOW);
    expect(await repo.listDismissals(db, f.siteId)).toHaveLength(0);
    expect((await db.findings.get(f.id))?.status).toBe('open');
  });

  it('stores one screenshot per finding and refuses oversized ones', async () => {
    const [f] = await repo.saveScan(db, result([finding('typo', '按步就班')]), NOW);
    const first = await repo.saveScreenshot(db, f.id, 'data:image/jpeg;base64,' + 'A'.repeat(4000), NOW);
    const second = await repo.saveScreenshot(db, f.id, 'data:image/jpeg;base64,' + 'B'.repeat(4000), NOW + 1);
    expect(first).not.toBe(second);
    expect(await db.screenshots.count()).toBe(1);
    expect((await db.findings.get(f.id))?.screenshotId).toBe(second);
    await expect(repo.saveScreenshot(db, f.id, 'data:image/jpeg;base64,' + 'C'.repeat(1_000_000), NOW)).rejects.toThrow('截图过大');
    expect((await db.findings.get(f.id))?.screenshotId).toBe(second);
  });
});
