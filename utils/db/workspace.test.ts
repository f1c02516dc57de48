// @vitest-environment node
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { InspectorDB } from './db';
import * as repo from './repo';
import * as ws from './workspace';
import type { Site } from './types';
import type { ScanFinding, ScanResult } from '../scan/types';
import { importRoster } from '../roster/import';
import { BackupError } from '../backup/backup';

const NOW = Date.UTC(2025, 2, 20, 2, 0); // 2025-03-20 10:00 China time (2025Q1)
const LATER = Date.UTC(2025, 4, 10, 2, 0); // 2025-05-10 (2025Q2)
const here = dirname(fileURLToPath(import.meta.url));
const rosterBytes = new Uint8Array(readFileSync(join(here, '../../tests/fixtures/rosters/roster-gbk.csv')));

const ART = 'http://www.sfx.gov.cn/art/typo.html';

function sf(ruleId: string, exact: string | null, extra: Partial<ScanFinding> = {}): ScanFinding {
  return {
    ruleId,
    severity: 'deduct',
    title: ruleId,
    category: '错别字',
    message: `问题 ${exact ?? ruleId}`,
    quote: exact ? { exact, prefix: '', suffix: '' } : null,
    detail: {},
    review: false,
    ...extra,
  };
}

function scan(url: string, findings: ScanFinding[], extra: Partial<ScanResult> = {}): ScanResult {
  return { url, title: '会议_示范县人民政府', pageType: 'article', findings, columns: [], latestDate: null, errors: [], ms: 1, ...extra };
}

let db: InspectorDB;
let n = 0;
beforeEach(async () => {
  db = new InspectorDB(`ws-${n++}`);
  await repo.getSettings(db, NOW);
});
afterEach(async () => {
  await db.delete();
});

describe('roster into the database', () => {
  it('imports the valid rows of a GBK roster and reports the bad row by its line', async () => {
    const parsed = importRoster(rosterBytes, { now: NOW });
    expect(parsed.encoding).toBe('gbk');
    expect(parsed.errors.map((e) => e.line)).toEqual([7]);
    const r = await ws.applyRoster(db, parsed.sites, NOW);
    expect(r).toMatchObject({ added: 3, updated: 0 });
    const sites = (await db.sites.toArray()).sort((a, b) => a.rosterIndex! - b.rosterIndex!);
    expect(sites.map((s) => s.name)).toEqual(['示范县人民政府', '示范县市场监督管理局', '示范县教育局']);
    expect(sites[1]!.hosts).toEqual(['www.sfx-sj.gov.cn', 'sfx-sj.gov.cn']);
    expect(sites[1]!.id).toBe('sfx-sj.gov.cn');
    // A merged 县(市)、部门 cell carries down.
    expect(sites[2]!.unit).toBe('示范县');
    // Importing the same file again updates in place.
    expect(await ws.applyRoster(db, parsed.sites, NOW + 1)).toMatchObject({ added: 0, updated: 3 });
    expect(await db.sites.count()).toBe(3);
  });

  it('matches rows by host through its index: a row listing a host already on the roster updates that site, and progress reaches the total', async () => {
    const parsed = importRoster(rosterBytes, { now: NOW });
    await ws.applyRoster(db, parsed.sites, NOW);
    const moved: Site = { ...parsed.sites[1]!, id: 'renamed.example', name: '市场监管（新网址）', hosts: ['new.sfx-sj.gov.cn', 'sfx-sj.gov.cn'] };
    const reports: [number, number][] = [];
    expect(await ws.applyRoster(db, [moved], NOW + 1, (done, total) => reports.push([done, total]))).toMatchObject({ added: 0, updated: 1 });
    const site = (await db.sites.get('sfx-sj.gov.cn'))!;
    expect(site.name).toBe('市场监管（新网址）');
    expect(site.hosts).toEqual(['new.sfx-sj.gov.cn', 'sfx-sj.gov.cn', 'www.sfx-sj.gov.cn']);
    expect(await db.sites.count()).toBe(3);
    expect(reports.at(-1)).toEqual([1, 1]);
  });

  it('writes nothing when any site cannot be stored', async () => {
    const parsed = importRoster(rosterBytes, { now: NOW });
    const broken: Site = { ...parsed.sites[0]!, id: 'web-x', name: '坏记录', hosts: [] };
    await expect(ws.applyRoster(db, [...parsed.sites, broken], NOW)).rejects.toThrow(/缺少网址/);
    expect(await db.sites.count()).toBe(0);
    // A failure half-way through the writes rolls back the rows already written.
    const unstorable = { ...parsed.sites[0]!, hosts: ['zz.gov.cn'], id: undefined } as unknown as Site;
    await expect(ws.applyRoster(db, [...parsed.sites, unstorable], NOW)).rejects.toThrow();
    expect(await db.sites.count()).toBe(0);
  });

  it('keeps pages visited before the import on the roster site, and links extra hosts added by hand', async () => {
    await repo.saveScan(db, scan(ART, [sf('typo', '按步就班')]), NOW);
    expect((await db.sites.toArray()).map((s) => [s.id, s.onRoster])).toEqual([['sfx.gov.cn', false]]);
    const parsed = importRoster(rosterBytes, { now: NOW });
    expect(await ws.applyRoster(db, parsed.sites, NOW)).toMatchObject({ added: 2, updated: 1 });
    const gov = (await db.sites.get('sfx.gov.cn'))!;
    expect(gov).toMatchObject({ onRoster: true, siteCode: '4101990001', name: '示范县人民政府' });

    // A page of a second host visited before the inspector added that host to the 教育局 site.
    await repo.saveScan(db, scan('http://edu.sfx.gov.cn/a.html', [sf('typo', '再接再励')], { title: '通知_示范县教育局' }), NOW);
    const [f0] = await db.findings.where('siteId').equals('edu.sfx.gov.cn').toArray();
    await repo.updateFinding(db, f0!.id, { status: 'dismissed' }, NOW);
    const edu = (await db.sites.get('jyj.sfx.gov.cn'))!;
    await ws.saveSite(db, { id: edu.id, kind: 'website', name: edu.name, urls: 'jyj.sfx.gov.cn edu.sfx.gov.cn', siteCode: edu.siteCode, sponsor: edu.sponsor, unit: edu.unit, platform: '' }, NOW + 1);
    expect(await db.sites.get('edu.sfx.gov.cn')).toBeUndefined();
    const moved = await db.findings.where('siteId').equals('jyj.sfx.gov.cn').toArray();
    expect(moved).toHaveLength(1);
    expect((await db.pages.where('siteId').equals('jyj.sfx.gov.cn').toArray()).map((p) => p.url)).toEqual(['edu.sfx.gov.cn/a.html']);
    // Re-scans find the moved finding (fingerprint follows the site), and the dismissal moved too.
    await repo.saveScan(db, scan('http://edu.sfx.gov.cn/a.html', [sf('typo', '再接再励')]), NOW + 5);
    await repo.saveScan(db, scan('http://edu.sfx.gov.cn/b.html', [sf('typo', '再接再励')]), NOW + 6);
    const all = await db.findings.where('siteId').equals('jyj.sfx.gov.cn').toArray();
    expect(all).toHaveLength(1);
    expect(all[0]!.status).toBe('dismissed');
  });

  it('adds and edits a site by hand with several hosts', async () => {
    const site = await ws.saveSite(db, { kind: 'website', name: '示范县教育局', urls: 'http://jyj.sfx.gov.cn、edu.sfx.gov.cn', siteCode: '4101990003', sponsor: '', unit: '示范县', platform: '' }, NOW);
    expect(site.hosts).toEqual(['jyj.sfx.gov.cn', 'edu.sfx.gov.cn']);
    expect((await repo.siteForUrl(db, 'http://edu.sfx.gov.cn/a.html')).id).toBe(site.id);
    await expect(ws.saveSite(db, { kind: 'website', name: '', urls: 'x.gov.cn', siteCode: '', sponsor: '', unit: '', platform: '' }, NOW)).rejects.toThrow('请填写网站名称');
    await expect(ws.saveSite(db, { kind: 'website', name: '某局', urls: 'x.gov.cn', siteCode: '6.1E+09', sponsor: '', unit: '', platform: '' }, NOW)).rejects.toThrow(/科学计数法/);
    const edited = await ws.saveSite(db, { id: site.id, kind: 'website', name: '示范县教育和体育局', urls: 'jyj.sfx.gov.cn', siteCode: '4101990003', sponsor: '', unit: '示范县', platform: '' }, NOW + 1);
    expect(edited.id).toBe(site.id);
    expect((await db.sites.get(site.id))!.name).toBe('示范县教育和体育局');
  });
});





describe('rectification carry-over', () => {
  async function confirmedInQ1() {
    await repo.saveScan(db, scan(ART, [sf('typo', '按步就班'), sf('typo', '再接再励'), sf('typo', '布署')]), NOW);
    const fs = await db.findings.toArray();
    const byQuote = (q: string) => fs.find((f) => f.quote?.exact === q)!;
    await repo.updateFinding(db, byQuote('按步就班').id, { status: 'confirmed' }, NOW + 1);
    await repo.updateFinding(db, byQuote('布署').id, { status: 'confirmed' }, NOW + 1);
    await repo.updateFinding(db, byQuote('再接再励').id, { status: 'dismissed' }, NOW + 1);
  }

  it('carries confirmed findings into a new round as 待复核 and proposes 已整改 when the rule no longer fires', async () => {
    await confirmedInQ1();
    const { carried, from } = await ws.startRound(db, '2025Q2', '2025-05-10', LATER);
    expect(from).toBe('2025Q1');
    expect(carried).toBe(2);
    const q2 = await db.findings.where('roundId').equals('2025Q2').toArray();
    expect(q2.every((f) => f.status === 'open' && f.rectification === '待复核' && f.carriedFrom)).toBe(true);
    expect(ws.rectificationState(q2[0]!, undefined)).toBe('pending');
    // Starting the same round again carries nothing twice.
    expect((await ws.carryOver(db, '2025Q1', '2025Q2', LATER)).valueOf()).toBe(0);

    // The page is revisited in Q2: 按步就班 is gone, 布署 is still there.
    await repo.saveScan(db, scan(ART, [sf('typo', '布署')]), LATER + 10);
    const after = await db.findings.where('roundId').equals('2025Q2').toArray();
    expect(after).toHaveLength(2); // matched by fingerprint, not duplicated
    const pg = await db.pages.get(['2025Q2', 'www.sfx.gov.cn/art/typo.html']);
    const gone = after.find((f) => f.quote?.exact === '按步就班')!;
    const still = after.find((f) => f.quote?.exact === '布署')!;
    expect(ws.rectificationState(gone, pg)).toBe('fix-proposed');
    expect(ws.rectificationState(still, pg)).toBe('still-present');

    await ws.settleRectification(db, gone.id, true, LATER + 20);
    await ws.settleRectification(db, still.id, false, LATER + 20);
    const sheets = await ws.roundSheets(db, '2025Q2');
    const detail = sheets[1]!.rows;
    const col = detail[0]!.indexOf('整改情况');
    expect(detail.find((r) => r[8] === '按步就班')![col]).toBe('已整改');
    expect(detail.find((r) => r[8] === '布署')![col]).toBe('未整改');
    const siteRow = sheets[0]!.rows[1]!;
    expect(siteRow[7]).toContain('已整改');
    expect(siteRow[7]).toContain('未整改');
    // Q1's own records are untouched.
    expect((await db.findings.where('roundId').equals('2025Q1').toArray()).filter((f) => f.status === 'confirmed')).toHaveLength(2);
  });

  it('does not carry anything into a round that already existed', async () => {
    await confirmedInQ1();
    await repo.setRound(db, '2025Q2', '2025-05-01', LATER);
    expect((await ws.startRound(db, '2025Q2', '2025-05-10', LATER)).carried).toBe(0);
  });
});

describe('政务新媒体', () => {
  it('records the checked problems as confirmed findings and lists them in the new-media sheet', async () => {
    const acct = await ws.saveSite(db, { kind: 'newmedia', name: '示范县发布', urls: '', siteCode: '', sponsor: '示范县人民政府办公室', unit: '示范县', platform: '微信公众号' }, NOW);
    await ws.setNewMediaProblems(db, acct.id, '2025Q1', ['nm-stale', 'nm-unverified'], '', NOW);
    let sheets = await ws.roundSheets(db, '2025Q1');
    const row = sheets[2]!.rows[1]!;
    expect(row.slice(0, 5)).toEqual(['1', '示范县发布', '示范县人民政府办公室', '微信公众号', '不合格']);
    expect(row[5]).toBe('1. 2周内无更新；\n2. 未认证');
    // Unchecking removes; the free-text problem is added.
    await ws.setNewMediaProblems(db, acct.id, '2025Q1', ['nm-unverified'], '简介与实际不符', NOW + 1);
    sheets = await ws.roundSheets(db, '2025Q1');
    expect(sheets[2]!.rows[1]![4]).toBe('合格');
    expect(sheets[2]!.rows[1]![5]).toBe('1. 未认证；\n2. 简介与实际不符');
    expect(ws.isNewMediaStale('2025-03-01', '2025-03-20')).toBe(true);
    expect(ws.isNewMediaStale('2025-03-10', '2025-03-20')).toBe(false);
  });
});

async function seed(target: InspectorDB, now: number) {
  await repo.getSettings(target, now);
  await repo.saveScan(target, scan(ART, [sf('typo', '按步就班'), sf('typo', '再接再励')]), now);
}

describe('backup, restore and merge', () => {

  it('restores a wiped database exactly, screenshots included', async () => {
    await seed(db, NOW);
    const [first] = await db.findings.toArray();
    await repo.saveScreenshot(db, first!.id, 'data:image/jpeg;base64,' + 'A'.repeat(400), NOW);
    const before = await ws.readAll(db);
    expect(before.screenshots).toHaveLength(1);
    const bytes = await ws.exportBackup(db, NOW);
    await ws.clearAll(db, NOW);
    expect(await db.findings.count()).toBe(0);
    expect((await repo.currentRound(db, NOW)).id).toBe('2025Q1'); // usable at once
    const report = await ws.restoreBackups(db, [{ name: 'a.json.gz', bytes }], 'replace');
    expect(report.counts.findings).toBe(2);
    expect(await ws.readAll(db)).toEqual(before);
  });

  it('refuses a broken or foreign file and changes nothing', async () => {
    await seed(db, NOW);
    const before = await ws.readAll(db);
    const good = await ws.exportBackup(db, NOW);
    const truncated = good.slice(0, good.length - 10);
    const foreign = gzipSync(new TextEncoder().encode(JSON.stringify({ format: 'other-tool', data: {} })));
    for (const bytes of [truncated, foreign, new TextEncoder().encode('序号,网站名称\n1,x')]) {
      for (const mode of ['merge', 'replace'] as const) {
        const err = await ws.restoreBackups(db, [{ name: 'good.json.gz', bytes: good }, { name: 'bad.json.gz', bytes }], mode).catch((e) => e);
        expect(err).toBeInstanceOf(BackupError);
        expect((err as Error).message).toMatch(/^bad\.json\.gz：.*未做任何更改/);
      }
    }
    expect(await ws.readAll(db)).toEqual(before);
  });

  it('merges two inspectors without duplicates and lists the conflicting edit', async () => {
    const other = new InspectorDB(`ws-other-${n++}`);
    try {
      await seed(db, NOW);
      await seed(other, NOW);
      // Another page only the colleague visited.
      await repo.saveScan(other, scan('http://www.sfx.gov.cn/col/tzgg/', [sf('column-stale', null, { message: '通知公告栏目超过6个月未更新' })]), NOW);
      const mine = (await db.findings.toArray()).find((f) => f.quote?.exact === '按步就班')!;
      const theirs = (await other.findings.toArray()).find((f) => f.quote?.exact === '按步就班')!;
      await repo.updateFinding(db, mine.id, { status: 'confirmed' }, NOW + 10);
      await repo.updateFinding(other, theirs.id, { status: 'dismissed' }, NOW + 20);

      const report = await ws.restoreBackups(db, [{ name: '同事.json.gz', bytes: await ws.exportBackup(other, NOW) }], 'merge');
      const all = await db.findings.toArray();
      expect(all).toHaveLength(3);
      expect(new Set(all.map((f) => f.fingerprint)).size).toBe(3);
      expect(report.stats.findingsAdded).toBe(1);
      expect(report.conflicts).toHaveLength(1);
      expect(report.conflicts[0]).toMatchObject({ kind: 'finding', fields: ['status'], kept: 'incoming' });
      expect(all.find((f) => f.quote?.exact === '按步就班')!.status).toBe('dismissed'); // the later edit wins
      // Merging the same file again changes nothing.
      await ws.restoreBackups(db, [{ name: '同事.json.gz', bytes: await ws.exportBackup(other, NOW) }], 'merge');
      expect(await db.findings.count()).toBe(3);
    } finally {
      await other.delete();
    }
  });
});

describe('restore and merge against concurrent writes', () => {
  it('a 确认 made while a merge runs is kept: read, merge and write are one transaction', async () => {
    await seed(db, NOW);
    const bytes = await ws.exportBackup(db, NOW);
    const target = (await db.findings.toArray()).find((f) => f.quote?.exact === '按步就班')!;
    // Started in the same tick: before the fix the verdict committed between the merge's read
    // and its clear-and-rewrite, and was wiped.
    const restoring = ws.restoreBackups(db, [{ name: 'a.json.gz', bytes }], 'merge');
    const confirming = repo.updateFinding(db, target.id, { status: 'confirmed' }, NOW + 100);
    await Promise.all([restoring, confirming]);
    expect((await db.findings.get(target.id))!.status).toBe('confirmed');
  });

  it('a scan saved while a merge runs is kept', async () => {
    await seed(db, NOW);
    const bytes = await ws.exportBackup(db, NOW);
    const restoring = ws.restoreBackups(db, [{ name: 'a.json.gz', bytes }], 'merge');
    const saving = repo.saveScan(db, scan('http://www.sfx.gov.cn/art/new.html', [sf('typo', '事半功陪')]), NOW + 100);
    await Promise.all([restoring, saving]);
    expect((await repo.pageFindings(db, 'http://www.sfx.gov.cn/art/new.html')).map((f) => f.quote?.exact)).toEqual(['事半功陪']);
  });
});

