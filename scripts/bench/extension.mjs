// Figures that need the real extension: heap held by the content script, and the workspace at
// quarter-end scale (50,000 findings through the background, then one page saved on top of them,
// the dashboard, the export).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch, extensionId, extensionPage, askBackground, EXTENSION_DIR } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import { waitForScan } from '../lib/demo-pages.mjs';
import { corpusTargets, CORPUS } from './peers.mjs';
import { median, percentile } from './stats.mjs';

const NOGOV_HOST = 'bench-control.example.test';

/**
 * Heap held by the content script, by difference. The content script runs in an isolated world
 * that shares the page's V8 isolate, and the isolate's heap cannot be split by world; so the same
 * page bytes are loaded twice in the same browser: once under its *.gov.cn address (the content
 * script matches, scans, draws its overlay) and once under a non-gov host (it does not match).
 * After the scan has finished and two full GCs (CDP HeapProfiler.collectGarbage), the difference in
 * Runtime.getHeapUsage().usedSize is what the content script keeps alive: its code, Preact tree,
 * findings and any caches it failed to drop. Median of a few alternating pairs.
 */
async function heapHeld(context, target, port, pairs, log) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const usage = async () => {
    await cdp.send('HeapProfiler.enable');
    for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
    const u = await cdp.send('Runtime.getHeapUsage');
    return u.usedSize;
  };
  const fileName = target.file;
  const diffs = [];
  const withScan = [];
  const without = [];
  for (let i = 0; i < pairs; i++) {
    await page.goto(`http://${NOGOV_HOST}:${port}/${fileName}`, { waitUntil: 'load', timeout: 30_000 });
    await page.waitForTimeout(300);
    const hasOverlay = await page.evaluate(() => !!document.querySelector('gsi-overlay'));
    if (hasOverlay) throw new Error('control page unexpectedly got the content script');
    const base = await usage();
    await page.goto(target.url, { waitUntil: 'load', timeout: 30_000 });
    await waitForScan(page, 60_000);
    await page.waitForTimeout(300); // marks placed, reply rendered
    const held = await usage();
    without.push(base);
    withScan.push(held);
    diffs.push(held - base);
  }
  await page.close();
  const mb = median(diffs) / 1e6;
  log(`  heap: ${fileName}: control ${(median(without) / 1e6).toFixed(2)} MB, with scan ${(median(withScan) / 1e6).toFixed(2)} MB → held ${mb.toFixed(2)} MB`);
  return { page: fileName, heldMB: mb, diffsMB: diffs.map((d) => d / 1e6), controlMB: median(without) / 1e6 };
}

/**
 * 50,000 findings through the background's own path (scan:result → repo.saveScan), the way content
 * scripts deliver them: 250 pages on 25 sites, 200 findings a page, messages one after another from
 * an extension page. No bulk message exists and none is added: this is the path real data takes.
 */
async function insertFindings(page, { sites, pagesPerSite, perPage, budgetMs }) {
  return page.evaluate(
    async ({ sites, pagesPerSite, perPage, budgetMs }) => {
      const RULES = [
        ['column-stale', '栏目更新不及时', '内容更新', 'deduct'],
        ['blank-column', '空白栏目', '内容更新', 'veto'],
        ['typo', '错别字', '错别字', 'deduct'],
        ['future-date', '发布日期晚于检查时间', '内容更新', 'hint'],
        ['hidden-links', '隐藏链接', '安全防护', 'deduct'],
      ];
      const t0 = performance.now();
      let sent = 0;
      let pagesDone = 0;
      outer: for (let s = 0; s < sites; s++) {
        for (let p = 0; p < pagesPerSite; p++) {
          if (performance.now() - t0 > budgetMs) break outer;
          const url = `http://www.s${s}.bench.gov.cn/col/c${p}/index.html`;
          const findings = [];
          for (let k = 0; k < perPage; k++) {
            const [ruleId, title, category, severity] = RULES[k % RULES.length];
            const exact = `第${s}站第${p}页问题${k}：关于做好第${k}季度安全生产工作的通知`;
            findings.push({
              ruleId,
              severity,
              title,
              category,
              message: `栏目“通知公告”最新信息发布于 2024-0${(k % 9) + 1}-1${k % 10}，超过 6 个月未更新（${s}-${p}-${k}）`,
              quote: { exact, prefix: '首页 > 信息公开 > ', suffix: ' 2024-03-12' },
              detail: { newest: '2024-03-12', days: 200 + k },
              review: k % 7 === 0,
            });
          }
          const reply = await chrome.runtime.sendMessage({
            type: 'scan:result',
            result: { url, title: `第${s}站 第${p}页`, pageType: 'list', findings, columns: [], latestDate: '2024-03-12', errors: [], ms: 1 },
          });
          if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
          sent += findings.length;
          pagesDone++;
        }
      }
      const ms = performance.now() - t0;
      const count = await new Promise((resolve, reject) => {
        const open = indexedDB.open('gov-site-inspector');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('findings').objectStore('findings').count();
          req.onsuccess = () => {
            resolve(req.result);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      });
      return { ms, sent, pages: pagesDone, stored: count };
    },
    { sites, pagesPerSite, perPage, budgetMs },
  );
}

/**
 * One page's findings saved with the round already full: `saves` new pages of `perPage` findings,
 * one scan:result message each (what a content script sends and waits for), timed from send to
 * reply. The figure is the p95 of those round trips.
 */
async function saveOnePage(page, { saves, perPage }) {
  return page.evaluate(
    async ({ saves, perPage }) => {
      const ms = [];
      for (let i = 0; i < saves; i++) {
        const url = `http://www.after${i}.bench.gov.cn/art/2025/3/${(i % 28) + 1}/art_${i}.html`;
        const findings = [];
        for (let k = 0; k < perPage; k++) {
          const exact = `第${i}页问题${k}：各单位要再接再励，做好第${k}项工作`;
          findings.push({
            ruleId: 'typo',
            severity: 'deduct',
            title: '错别字',
            category: '错别字',
            message: `“再接再励”应为“再接再厉”（${i}-${k}）`,
            quote: { exact, prefix: '为进一步做好相关工作，', suffix: '，确保各项任务按期完成。' },
            detail: {},
            review: false,
          });
        }
        const t = performance.now();
        const reply = await chrome.runtime.sendMessage({
          type: 'scan:result',
          result: { url, title: `保存测试 第${i}页`, pageType: 'article', findings, columns: [], latestDate: '2025-03-01', errors: [], ms: 1 },
        });
        ms.push(performance.now() - t);
        if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
      }
      return { ms, saves, perPage };
    },
    { saves, perPage },
  );
}

/** All three sheets, as the 导出 button gets them (export:sheets through the background). */
async function exportAll(page, reps, budgetMs) {
  const runs = [];
  let info = null;
  const started = Date.now();
  for (let i = 0; i < reps && (i === 0 || Date.now() - started < budgetMs); i++) {
    const t = Date.now();
    const files = await askBackground(page, { type: 'export:sheets', includeOpen: true });
    runs.push(Date.now() - t);
    info = files.files.map((f) => ({ name: f.name, lines: f.content.split('\n').length, bytes: f.content.length }));
  }
  return { ms: median(runs), runs, files: info };
}

/**
 * @param {{ log: (s: string) => void, findings: number }} opts
 */
export async function runExtension({ log, findings }) {
  const targets = corpusTargets();
  const largest = targets.map((t) => ({ ...t, size: statSync(t.path).size })).sort((a, b) => b.size - a.size)[0];
  const files = new Map(targets.map((t) => [new URL(t.url).host + new URL(t.url).pathname, t.path]));
  const server = await startServer({ root: CORPUS, files });
  const { context, close } = await launch({ port: server.port });
  const out = { heap: null, insert: null, save: null, dashboard: null, export: null };
  try {
    const id = await extensionId(context);
    out.heap = await heapHeld(context, largest, server.port, 3, log);

    const bg = await extensionPage(context, id, 'popup.html?url=' + encodeURIComponent('http://bench-none.example.test/'));
    const perPage = 200;
    const sites = 25;
    const pagesPerSite = Math.ceil(findings / perPage / sites);
    out.insert = await insertFindings(bg, { sites, pagesPerSite, perPage, budgetMs: 120_000 });
    log(`  insert: ${out.insert.sent} findings on ${out.insert.pages} pages in ${(out.insert.ms / 1000).toFixed(2)} s (stored ${out.insert.stored})`);

    out.dashboard = await measureDashboard(context, id, out.insert.stored, log);

    out.export = await exportAll(bg, 3, 20_000);
    log(`  export: ${out.export.files.map((f) => `${f.name} ${f.lines} 行`).join('，')} in ${out.export.ms} ms`);

    // Last, so the dashboard and export above see exactly the 50,000.
    out.save = await saveOnePage(bg, { saves: 40, perPage: 20 });
    out.save.p95Ms = percentile(out.save.ms, 95);
    log(`  save: one page of ${out.save.perPage} findings with ${out.insert.stored} stored: p95 ${out.save.p95Ms.toFixed(1)} ms, median ${median(out.save.ms).toFixed(1)} ms (${out.save.saves} pages)`);
    return out;
  } finally {
    await close();
    await server.close();
  }
}

/**
 * The dashboard (entrypoints/dashboard, components/dashboard) with the 50,000 findings in the
 * database. Selectors are the dashboard's own test ids: finding-row, filter-text, finding-count,
 * filter-severity, include-open, export-csv, export-message.
 * - paint: navigation start → first finding row in the DOM, plus one frame (rAF + task) so the
 *   row has been painted; observed from a MutationObserver installed before the page's scripts.
 * - filter: the search box, from the input event to the count changing and the next frame. The
 *   box filters on every keystroke (its search text is indexed ahead); the figure is input to count change (it is
 *   what the inspector waits) and the compute part is reported beside it, as is the 性质 select.
 * - export: the 导出 CSV button, from click to its confirmation painted (three files built and
 *   handed to downloads), the path an inspector uses.
 */
async function measureDashboard(context, id, expected, log) {
  if (!existsSync(join(EXTENSION_DIR, 'dashboard.html'))) {
    const reason = '构建中没有 dashboard.html（工作台尚未实现）';
    log(`  dashboard: not measured — ${reason}`);
    return { paintMs: null, filterMs: null, exportMs: null, reason };
  }
  const page = await context.newPage();
  await page.addInitScript(() => {
    const mark = () => {
      if (window.__gsiRow !== undefined || !document.querySelector('[data-testid="finding-row"]')) return;
      window.__gsiRow = performance.now();
      // Reported as a console message: Playwright's waitForFunction would load its ~330 KB injected
      // script into the page, on its main thread, while the list is being drawn.
      requestAnimationFrame(() => setTimeout(() => console.debug(`gsi-row-painted ${performance.now()}`), 0));
    };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  });
  const out = { paintMs: null, filterMs: null, exportMs: null, reason: null };
  try {
    const painted = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('gsi-row-painted '), timeout: 60_000 });
    await page.goto(`chrome-extension://${id}/dashboard.html#findings`);
    out.paintMs = Number((await painted).text().split(' ')[1]);
    // The first rows paint before the whole round has loaded; filters are measured on all of it.
    await page.waitForFunction(() => !document.querySelector('[data-testid="finding-count"]')?.textContent?.includes('载入中'), null, { timeout: 60_000, polling: 50 });
    out.loadedMs = await page.evaluate(() => performance.now());
    const countText = await page.locator('[data-testid="finding-count"]').textContent();
    out.countText = countText;
    if (!countText?.includes(String(expected))) out.reason = `列表显示“${countText}”，不是 ${expected} 条`;
    log(`  dashboard: first row painted at ${out.paintMs.toFixed(0)} ms; whole round loaded at ${out.loadedMs.toFixed(0)} ms (${countText})`);

    const timeChange = (act) =>
      page.evaluate(async (act) => {
        const countEl = () => document.querySelector('[data-testid="finding-count"]')?.textContent ?? '';
        const before = countEl();
        const t0 = performance.now();
        if (act.kind === 'text') {
          const input = document.querySelector('[data-testid="filter-text"]');
          input.value = act.value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        } else {
          const sel = document.querySelector(act.selector);
          sel.value = act.value;
          sel.dispatchEvent(new Event('change', { bubbles: true }));
        }
        const changed = await new Promise((resolve) => {
          const timer = setTimeout(() => (mo.disconnect(), resolve(false)), 10_000);
          const mo = new MutationObserver(() => {
            if (countEl() !== before) {
              mo.disconnect();
              clearTimeout(timer);
              resolve(true);
            }
          });
          mo.observe(document.body, { childList: true, subtree: true, characterData: true });
        });
        const tChange = performance.now();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { ms: performance.now() - t0, toChangeMs: tChange - t0, changed, count: countEl() };
      }, act);
    const text = await timeChange({ kind: 'text', value: '第3站' });
    const clear = await timeChange({ kind: 'text', value: '' });
    const sev = await timeChange({ kind: 'select', selector: '[data-testid="filter-severity"]', value: 'veto' });
    await timeChange({ kind: 'select', selector: '[data-testid="filter-severity"]', value: 'all' });
    out.filter = { text, clear, severity: sev };
    out.filterMs = text.changed ? text.ms : null;
    if (!text.changed) out.reason = '搜索后计数没有变化';
    log(`  dashboard: search ${text.ms.toFixed(0)} ms (${text.count}), clear ${clear.ms.toFixed(0)} ms, 性质筛选 ${sev.ms.toFixed(0)} ms (${sev.count})`);

    await page.locator('[data-tab="export"]').click();
    await page.locator('[data-testid="include-open"]').check();
    const exp = await page.evaluate(async () => {
      const t0 = performance.now();
      document.querySelector('[data-action="export-csv"]').click();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { ms: performance.now() - t0, message: document.querySelector('[data-testid="export-message"]')?.textContent ?? null };
    });
    out.export = exp;
    out.exportMs = exp.message ? exp.ms : null;
    log(`  dashboard: 导出 CSV ${exp.ms.toFixed(0)} ms — ${exp.message ?? '没有出现导出确认'}`);
  } catch (e) {
    out.reason = `工作台测量失败：${e instanceof Error ? e.message.split('\n')[0] : e}`;
    log(`  dashboard: ${out.reason}`);
  } finally {
    await page.close();
  }
  return out;
}
