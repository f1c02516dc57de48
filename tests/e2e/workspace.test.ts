import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { Harness, DEMO_HOST } from './harness';
import { parseCsv } from '../../utils/sheets/csv';
import type { Finding } from '../../utils/db/types';

/**
 * The quarter's workspace in real Chromium: a GBK roster imported through the dashboard's file
 * input, two demo sites visited, a problem confirmed in the all-findings list and a new-media
 * account checked, the three sheets exported and parsed back cell by cell, then a backup taken,
 * the data wiped, a broken file refused, and the backup restored with every finding intact.
 */
const FIXTURES = resolve(import.meta.dirname, '../fixtures');
const SITE2 = 'www.sfx-sj.gov.cn';
const ROSTER = join(FIXTURES, 'rosters/roster-gbk.csv');

// Vitest's expect has no web-first matchers: poll the page instead.
const T = { timeout: 15_000 };
const text = (l: Locator) => l.innerText().catch(() => '');
const seeText = (l: Locator, s: string) => expect.poll(() => text(l), T).toContain(s);
const seeExact = (l: Locator, s: string) => expect.poll(async () => (await text(l)).trim(), T).toBe(s);
const seeAttr = (l: Locator, name: string, v: string) => expect.poll(() => l.getAttribute(name, { timeout: 1000 }).catch(() => null), T).toBe(v);
const seeCount = (l: Locator, n: number) => expect.poll(() => l.count(), T).toBe(n);

describe('quarter workspace (dashboard)', () => {
  const h = new Harness();
  const tmp = mkdtempSync(join(tmpdir(), 'gsi-ws-'));
  let dash: Page;
  const downloads: { name: string; bytes: Buffer }[] = [];
  const site1Pages = [`http://${DEMO_HOST}/`, `http://${DEMO_HOST}/col/tzgg/`, `http://${DEMO_HOST}/art/typo.html`];
  const site2Pages = [`http://${SITE2}/`, `http://${SITE2}/col/tzgg/`, `http://${SITE2}/art/spaq.html`];

  async function snapshot(): Promise<Finding[]> {
    const all: Finding[] = [];
    for (const url of [site1Pages[0]!, site2Pages[0]!]) {
      const r = await h.ask<{ findings: Finding[] }>({ type: 'findings:site', url });
      all.push(...r.findings);
    }
    return all.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async function tab(name: string) {
    await dash.locator(`nav.tabs [data-tab="${name}"]`).click();
  }

  async function download(action: () => Promise<void>, count: number): Promise<{ name: string; bytes: Buffer }[]> {
    const start = downloads.length;
    await action();
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(start + count);
    return downloads.slice(start);
  }

  beforeAll(async () => {
    await h.start({ templating: true, hostRoots: { [SITE2]: join(FIXTURES, 'demo-site2'), 'sfx-sj.gov.cn': join(FIXTURES, 'demo-site2') } });
    dash = await h.context.newPage();
    dash.on('download', async (d: Download) => {
      const path = await d.path();
      downloads.push({ name: d.suggestedFilename(), bytes: readFileSync(path!) });
    });
    await dash.goto(`chrome-extension://${h.id}/dashboard.html#settings`);
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('opens from the popup', async () => {
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.id}/popup.html?url=${encodeURIComponent(site1Pages[0]!)}`);
    const [tabPage] = await Promise.all([h.context.waitForEvent('page'), popup.locator('[data-action="dashboard"]').click()]);
    await tabPage.waitForLoadState();
    expect(tabPage.url()).toBe(`chrome-extension://${h.id}/dashboard.html`);
    await (tabPage.locator('nav.tabs [data-tab="roster"]')).waitFor(T);
    await tabPage.close();
    await popup.close();
  });

  it('saves the inspector name in the settings', async () => {
    await dash.getByTestId('inspector').fill('张检查');
    await dash.locator('[data-action="save-settings"]').click();
    await (dash.getByTestId('settings-message')).waitFor(T);
    await seeText(dash.getByTestId('current-round'), '检查人 张检查');
  });

  it('imports a GBK roster through the file input: bad row reported by line, good rows imported', async () => {
    await tab('roster');
    await dash.getByTestId('roster-file').setInputFiles(ROSTER);
    const report = dash.getByTestId('roster-report');
    await seeText(report, 'GBK');
    await seeExact(dash.getByTestId('roster-valid'), '3');
    await seeExact(dash.getByTestId('roster-bad'), '1');
    await seeText(dash.locator('[data-testid="roster-errors"] li[data-line="7"]'), '第7行');
    await seeText(dash.locator('[data-testid="roster-errors"] li'), '缺少网址');
    await dash.locator('[data-action="roster-import"]').click();
    await seeText(dash.getByTestId('roster-result'), '已导入 3 个网站');
    const rows = dash.locator('[data-testid="roster-table"] tbody tr');
    await seeCount(rows, 3);
    expect(await rows.locator('[data-col="name"]').allInnerTexts()).toEqual(['示范县人民政府', '示范县市场监督管理局', '示范县教育局']);
  });

  it('links visited pages of both demo sites to their roster entries', async () => {
    for (const url of [...site1Pages, ...site2Pages]) {
      const p = await h.visit(url);
      await p.close();
    }
    const gov = dash.locator('[data-testid="roster-table"] tr[data-site-id="sfx.gov.cn"]');
    const amr = dash.locator('[data-testid="roster-table"] tr[data-site-id="sfx-sj.gov.cn"]');
    await seeExact(gov.locator('[data-col="pages"]'), '3');
    await seeExact(amr.locator('[data-col="pages"]'), '3');
    const snap = await snapshot();
    expect(snap.some((f) => f.siteId === 'sfx.gov.cn')).toBe(true);
    expect(snap.some((f) => f.siteId === 'sfx-sj.gov.cn')).toBe(true);
    // Not visited: shown as such, never as a verdict.
    await seeExact(dash.locator('tr[data-site-id="jyj.sfx.gov.cn"] [data-col="verdict"]'), '未检查');
  });

  it('shows which key columns were opened', async () => {
    await tab('coverage');
    const row = dash.locator('[data-testid="coverage-table"] tr[data-site-id="sfx-sj.gov.cn"]');
    await seeAttr(row.locator('[data-column="通知公告"]'), 'data-covered', 'yes');
    // Only an article of 工作动态 was opened, not the column's list: not counted as opened.
    await seeAttr(row.locator('[data-column="要闻动态"]'), 'data-covered', 'no');
    await seeAttr(row.locator('[data-column="政策解读"]'), 'data-covered', 'no');
  });

  it('confirms a finding inline in the all-findings list', async () => {
    await tab('findings');
    await dash.getByTestId('filter-site').selectOption('sfx-sj.gov.cn');
    await dash.getByTestId('filter-text').fill('通知公告');
    await seeCount(dash.locator('[data-testid="finding-row"]:not(:has-text("通知公告"))'), 0);
    const id = await dash.locator('[data-testid="finding-row"]').first().getAttribute('data-finding-id');
    const row = dash.locator(`[data-finding-id="${id}"]`);
    await row.locator('[data-action="confirm"]').click();
    await seeAttr(row, 'data-status', 'confirmed');
    const confirmed = (await snapshot()).find((f) => f.id === id)!;
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.message).toContain('通知公告');
  });

  it('records a new-media account and its problems', async () => {
    await tab('newmedia');
    await dash.locator('[data-action="add-account"]').click();
    const form = dash.getByTestId('site-form');
    await form.locator('input[name="name"]').fill('示范县发布');
    await form.locator('input[name="sponsor"]').fill('示范县人民政府办公室');
    await form.locator('select[name="platform"]').selectOption('微信公众号');
    await form.locator('[data-action="save-site"]').click();
    const row = dash.locator('[data-testid="newmedia-table"] tbody tr').first();
    await seeText(row, '示范县发布');
    await row.locator('input[data-problem="nm-stale"]').check();
    await row.locator('[data-action="save-newmedia"]').click();
    await seeExact(row.locator('[data-col="verdict"]'), '不合格');
  });

  it('exports the three sheets as CSV, parsed back cell by cell', async () => {
    await tab('export');
    const files = await download(() => dash.locator('[data-action="export-csv"]').click(), 3);
    const byName = (part: string) => files.find((f) => f.name.includes(part))!;
    for (const f of files) {
      expect([...f.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(f.bytes.toString('utf8')).toContain('\r\n');
    }
    const site = parseCsv(byName('网站检查结果').bytes.toString('utf8'));
    expect(site[0]).toEqual(['序号', '县(市)、部门', '网站名称', '网址', '网站标识码', '检查结果', '存在问题', '整改情况']);
    expect(site.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['1', '示范县', '示范县人民政府', 'http://www.sfx.gov.cn', '4101990001'],
      ['2', '示范县', '示范县市场监督管理局', 'http://www.sfx-sj.gov.cn', '4101990002'],
      ['3', '示范县', '示范县教育局', 'http://jyj.sfx.gov.cn/', '4101990003'],
    ]);
    expect(site[2]![6]).toContain('通知公告');
    // On the roster but no page visited this round: 未检查, never a silent 合格.
    expect(site[3]!.slice(5)).toEqual(['未检查', '', '']);

    const detail = parseCsv(byName('问题明细').bytes.toString('utf8'));
    expect(detail[0]).toEqual(['序号', '网站名称', '网址', '栏目', '页面标题', '页面地址', '问题类别', '指标性质', '存在问题', '原文摘录', '证据', '截图', '网页快照', '检查时间点', '发现时间', '检查人', '状态', '整改情况']);
    const col = (name: string) => detail[0]!.indexOf(name);
    // Only confirmed findings are handed in: the one confirmed in the list, and the account's.
    expect(detail).toHaveLength(3);
    const row = detail.find((r) => r[1] === '示范县市场监督管理局');
    expect(row![0]).toBe('1');
    expect(row![1]).toBe('示范县市场监督管理局');
    expect(row![2]).toBe('http://www.sfx-sj.gov.cn');
    expect(row![col('页面地址')]).toMatch(/^http:\/\/www\.sfx-sj\.gov\.cn\//);
    expect(row![col('存在问题')]).toContain('通知公告');
    expect(row![col('证据')]).toMatch(/^栏目：通知公告；最新日期：/);
    expect(row![col('发现时间')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(row![col('检查时间点')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row![col('检查人')]).toBe('张检查');
    expect(row![col('状态')]).toBe('已确认');

    const nm = parseCsv(byName('政务新媒体检查结果').bytes.toString('utf8'));
    expect(nm).toEqual([
      ['序号', '账号名称', '开设主体', '平台', '检查结果', '存在的问题', '整改情况'],
      ['1', '示范县发布', '示范县人民政府办公室', '微信公众号', '不合格', '2周内无更新', ''], // first round: nothing sent for 整改 yet
    ]);

    const [xlsx] = await download(() => dash.locator('[data-action="export-xlsx"]').click(), 1);
    expect(xlsx!.name).toMatch(/检查结果\.xlsx$/);
    expect(xlsx!.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('backs up, wipes, refuses a broken file, restores, and every finding is back', async () => {
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(3);
    await tab('backup');
    const [backup] = await download(() => dash.locator('[data-action="backup-export"]').click(), 1);
    expect(backup!.name).toMatch(/\.json\.gz$/);
    const backupPath = join(tmp, backup!.name);
    writeFileSync(backupPath, backup!.bytes);

    await dash.getByTestId('clear-confirm').fill('清空');
    await dash.locator('[data-action="clear-all"]').click();
    await seeExact(dash.getByTestId('backup-message'), '已清空全部数据');
    expect(await snapshot()).toEqual([]);

    const broken = join(tmp, 'broken.json.gz');
    writeFileSync(broken, backup!.bytes.subarray(0, backup!.bytes.length - 20));
    await dash.getByTestId('backup-file').setInputFiles([backupPath, broken]);
    await dash.locator('[data-action="backup-restore"]').click();
    await seeText(dash.getByTestId('backup-error'), 'broken.json.gz');
    await seeText(dash.getByTestId('backup-error'), '未做任何更改');
    expect(await snapshot()).toEqual([]);

    await dash.getByTestId('backup-file').setInputFiles([backupPath]);
    await dash.getByTestId('mode-replace').check();
    await dash.locator('[data-action="backup-restore"]').click();
    await seeText(dash.getByTestId('backup-result'), `现共有问题 ${before.length + 1} 条`); // + the new-media problem
    expect(await snapshot()).toEqual(before);

    // Merging the same backup again adds nothing.
    await dash.locator('input[name="mode"][value="merge"]').check();
    await dash.getByTestId('backup-file').setInputFiles([backupPath]);
    await dash.locator('[data-action="backup-restore"]').click();
    await seeText(dash.getByTestId('backup-result'), '新增问题 0 条');
    expect(await snapshot()).toEqual(before);
  });

  it('stays responsive with 50,000 findings: only visible rows are rendered', async () => {
    const existing = await snapshot();
    const template = existing.find((f) => f.siteId === 'sfx-sj.gov.cn')!;
    // Written straight into the extension's IndexedDB from the dashboard page (same origin).
    await dash.evaluate(async (t) => {
      const open = indexedDB.open('gov-site-inspector');
      const idb: IDBDatabase = await new Promise((ok, ko) => ((open.onsuccess = () => ok(open.result)), (open.onerror = () => ko(open.error))));
      const tx = idb.transaction('findings', 'readwrite');
      const store = tx.objectStore('findings');
      for (let i = 0; i < 50_000; i++) {
        store.put({ ...t, id: `bulk${i}`, fingerprint: `bulk${i}`, pageUrl: `www.sfx-sj.gov.cn/p${i % 500}.html`, message: i === 31_337 ? '唯一的大海捞针问题' : `批量问题${i}`, status: i % 5 ? 'open' : 'confirmed', severity: (['veto', 'deduct', 'hint'] as const)[i % 3] });
      }
      await new Promise((ok, ko) => ((tx.oncomplete = () => ok(null)), (tx.onerror = () => ko(tx.error))));
      idb.close();
    }, template);
    // Raw IndexedDB writes are invisible to Dexie's live queries: load the page afresh.
    await dash.goto('about:blank');
    await dash.bringToFront();
    const t0 = Date.now();
    await dash.goto(`chrome-extension://${h.id}/dashboard.html#findings`);
    // Every finding of the round: the two sites' plus the new-media account's, plus 50,000.
    await seeText(dash.getByTestId('finding-count'), `/ ${existing.length + 1 + 50_000} 条`);
    const loadMs = Date.now() - t0;
    const rendered = await dash.locator('[data-testid="finding-row"]').count();
    expect(rendered).toBeLessThan(60);

    const t1 = Date.now();
    await dash.getByTestId('filter-text').fill('大海捞针');
    await seeText(dash.getByTestId('finding-count'), '1 / ');
    const filterMs = Date.now() - t1;
    await seeCount(dash.locator('[data-testid="finding-row"]'), 1);

    await dash.getByTestId('filter-text').fill('');
    await seeText(dash.getByTestId('finding-count'), `${existing.filter((f) => f.status !== 'dismissed').length + 1 + 50_000} / `);
    // Scroll to the very end: still only a window of rows in the DOM, and the last one shows.
    const t2 = Date.now();
    const list = dash.getByTestId('finding-list');
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    // The scroll event comes a frame later: wait until the rows in the DOM are the ones in view.
    const rowsInView = () =>
      list.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return [...el.querySelectorAll('[data-testid="finding-row"]')].filter((r) => {
          const b = r.getBoundingClientRect();
          return b.bottom > box.top && b.top < box.bottom;
        }).length;
      });
    await expect.poll(rowsInView, T).toBeGreaterThan(0);
    const scrollMs = Date.now() - t2;
    expect(await dash.locator('[data-testid="finding-row"]').count()).toBeLessThan(60);
    // Confirm inline in the middle of 50,000.
    const id = (await dash.locator('[data-testid="finding-row"][data-status="open"]').last().getAttribute('data-finding-id'))!;
    const row = dash.locator(`[data-finding-id="${id}"]`);
    const t3 = Date.now();
    await row.locator('[data-action="confirm"]').click();
    // The list keeps its place: the confirmed row is still in view, now marked confirmed (at once,
    // before the live query has re-read 50,000 rows) ...
    await seeAttr(row, 'data-status', 'confirmed');
    // ... and the change is in the database, not only on screen.
    const stored = (findingId: string) =>
      dash.evaluate(
        (fid) =>
          new Promise<string | undefined>((ok, ko) => {
            const open = indexedDB.open('gov-site-inspector');
            open.onerror = () => ko(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('findings').objectStore('findings').get(fid);
              get.onsuccess = () => (ok((get.result as Finding | undefined)?.status), open.result.close());
              get.onerror = () => ko(get.error);
            };
          }),
        findingId,
      );
    await expect.poll(() => stored(id), T).toBe('confirmed');
    expect(await dash.getByTestId('finding-list').evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
    const confirmMs = Date.now() - t3;
    console.log(`[50k] load+render ${loadMs} ms, filter ${filterMs} ms, scroll ${scrollMs} ms, confirm round-trip ${confirmMs} ms, rows in DOM ${rendered}`);
    expect(filterMs).toBeLessThan(3000);
  });
});
