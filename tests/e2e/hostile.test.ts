import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleMessage, Frame, Page } from 'playwright-core';
import { Harness, DEMO_HOST, waitForScan } from './harness';
import * as P from '../fixtures/hostile/pages';

/**
 * Issue 10: hostile and broken pages in real Chromium. Every case: the page's own script still
 * ran, the scan finished (or says 未能完成扫描), and the extension logged no error of its own.
 */

type Res = { writeHead: (s: number, h: Record<string, string>) => void; end: (b: string | Buffer) => void };
const serve = (body: string | Buffer, type = 'text/html; charset=utf-8') => (_req: unknown, res: Res) => {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
};

const gbkHtml = (charsetMeta: string, title: string) =>
  P.page(title, '<p>本页以国标编码保存。</p>', charsetMeta ? `<meta http-equiv="Content-Type" content="text/html; charset=${charsetMeta}">` : '');

const ROUTES = {
  '/h/big.html': serve(P.bigPage(10)),
  '/h/many.html': serve(P.manyElements(100_000)),
  '/h/nested.html': serve(P.nestedTables(500)),
  '/h/gbk.html': serve(P.encodeGbk(gbkHtml('gbk', '国标编码_示范县人民政府')), 'text/html'),
  '/h/gb18030.html': serve(P.encodeGbk(gbkHtml('', '国标一八零三零_示范县人民政府')), 'text/html; charset=GB18030'),
  // Mislabeled both ways: GBK bytes declared UTF-8, UTF-8 bytes declared GBK.
  '/h/gbk-as-utf8.html': serve(P.encodeGbk(gbkHtml('utf-8', '错标编码_示范县人民政府')), 'text/html'),
  '/h/utf8-as-gbk.html': serve(Buffer.from(gbkHtml('gbk', '错标编码二_示范县人民政府'), 'utf8'), 'text/html'),
  '/h/throw.html': serve(P.throwing),
  '/h/globals.html': serve(P.globals),
  '/h/nosel.html': serve(P.noSelect),
  '/h/rewrite.html': serve(P.rewriting(1600)),
  '/h/rewrite-fast.html': serve(P.rewriting(300)),
  '/h/frameset.html': serve(P.frameset('/h/nav.html', '/h/main.html')),
  '/h/nav.html': serve(P.page('导航_示范县人民政府', '<p>导航。</p>')),
  '/h/main.html': serve(P.page('正文_示范县人民政府', '<p>框架正文。</p>')),
  '/h/blank-frames.html': serve(P.withBlankFrames),
  '/h/doc.pdf': serve(P.tinyPdf(), 'application/pdf'),
};

const url = (path: string) => `http://${DEMO_HOST}${path}`;

describe('hostile and broken pages', () => {
  const h = new Harness();
  /** Errors the extension itself logged anywhere (pages' own errors are expected and ignored). */
  const extensionErrors: string[] = [];
  const watch = (m: ConsoleMessage) => {
    if (m.type() === 'error' && /chrome-extension:\/\//.test(m.location().url + m.text())) extensionErrors.push(m.text());
  };

  beforeAll(async () => {
    await h.start({ templating: true, routes: ROUTES });
    h.context.on('console', watch);
    h.context.on('weberror', (e) => {
      if (/chrome-extension:\/\//.test(e.error().stack ?? '')) extensionErrors.push(e.error().message);
    });
  });
  afterAll(async () => {
    await h.dispose();
  });

  /** The panel's state, present in the DOM (not necessarily visible): done or failed, never stuck. */
  const settled = async (where: Page | Frame, timeout = 60_000) => {
    const panel = where.locator('gsi-overlay .gsi-panel[data-state="done"], gsi-overlay .gsi-panel[data-state="failed"]').first();
    await panel.waitFor({ state: 'attached', timeout });
    const state = await panel.getAttribute('data-state');
    if (state === 'failed') expect(await panel.locator('[data-testid="scan-failed"]').innerText()).toMatch(/^未能完成扫描：.+/);
    return state;
  };
  const typoFound = async (path: string) => (await h.pageFindings(url(path))).some((f) => f.ruleId === 'typo' && f.quote?.exact === '按步就班');

  it('10 MB page, 100,000 elements, tables nested 500 deep: scanned in full, page intact', async () => {
    for (const path of ['/h/big.html', '/h/many.html', '/h/nested.html']) {
      const page = await h.context.newPage();
      await page.goto(url(path), { timeout: 60_000 });
      // Done within settled()'s 60 s (about 3.5 s for 10 MB and 2.5 s for 100,000 elements on a quiet
      // 2-core machine; how long the page is blocked meanwhile: npm run bench, longestTaskMs).
      expect(await settled(page)).toBe('done');
      expect(await page.evaluate(() => (window as unknown as { __pageOk: string }).__pageOk)).toBe('yes');
      expect(await typoFound(path)).toBe(true);
      await page.close();
    }
  });

  it('GBK and GB18030 pages are read right; mislabeled encodings do not break anything', async () => {
    for (const path of ['/h/gbk.html', '/h/gb18030.html']) {
      const page = await h.visit(url(path));
      expect(await settled(page)).toBe('done');
      expect(await typoFound(path)).toBe(true);
      expect((await h.pageFindings(url(path)))[0]!.pageTitle).toMatch(/_示范县人民政府$/);
      await page.close();
    }
    for (const path of ['/h/gbk-as-utf8.html', '/h/utf8-as-gbk.html']) {
      const page = await h.context.newPage();
      await page.goto(url(path));
      expect(['done', 'failed']).toContain(await settled(page));
      expect(await page.evaluate(() => (window as unknown as { __pageOk: string }).__pageOk)).toBe('yes');
      await page.close();
    }
  });

  it('pages that throw, replace built-ins or block selection: the page keeps its behaviour, the scan works', async () => {
    const thrower = await h.visit(url('/h/throw.html'));
    expect(await settled(thrower)).toBe('done');
    expect(await thrower.evaluate(() => (window as unknown as { __pageOk: string }).__pageOk)).toBe('yes');
    expect(await typoFound('/h/throw.html')).toBe(true);
    await thrower.close();

    // The content script runs in an isolated world: the page's replaced built-ins never reach it,
    // and the extension never restores them behind the page's back.
    const hijacked = await h.visit(url('/h/globals.html'));
    expect(await settled(hijacked)).toBe('done');
    expect(await typoFound('/h/globals.html')).toBe(true);
    expect(await hijacked.evaluate(() => (window as unknown as { __pageOk: string }).__pageOk)).toBe('yes');
    expect(await hijacked.evaluate(() => [JSON.stringify({ a: 1 }), Node.prototype.appendChild.toString().includes('page appendChild'), typeof window.Promise])).toEqual(['"hijacked"', true, 'function']);
    expect(await hijacked.locator('gsi-overlay .gsi-tag').count()).toBeGreaterThan(0);
    await hijacked.close();

    // No selection possible: the panel's 新增问题 still records a finding.
    const locked = await h.visit(url('/h/nosel.html'));
    expect(await typoFound('/h/nosel.html')).toBe(true);
    await locked.locator('gsi-overlay [data-action="add-manual"]').click();
    const form = locked.locator('gsi-overlay [data-testid="flag-form"]');
    await form.locator('textarea[name="message"]').fill('页面禁止复制，影响信息获取');
    await form.locator('[data-action="save-manual"]').click();
    await expect.poll(async () => (await h.pageFindings(url('/h/nosel.html'))).filter((f) => f.source === 'manual').length).toBe(1);
    await locked.close();
  });

  it('a page that rewrites itself settles: at most 5 re-scans, no duplicated marks or findings', async () => {
    const page = await h.visit(url('/h/rewrite.html'));
    const fast = await h.visit(url('/h/rewrite-fast.html'));
    // The page rewrites itself every 1.6 s and a re-scan follows 1.5 s after a change, so while
    // re-scans go on no rewrite passes without a scan. Settled: three rewrites in a row with no new
    // scan. Polled far more often than scans come, so every scan in between is counted.
    const rewrites = () => page.evaluate(() => Number(/第(\d+)次更新/.exec(document.getElementById('live')?.textContent ?? '')?.[1] ?? 0));
    const scans = new Set<number>();
    let quietFrom = 0;
    await expect
      .poll(
        async () => {
          const at = await h.lastScanned(url('/h/rewrite.html'));
          const n = await rewrites();
          if (!scans.has(at)) {
            scans.add(at);
            quietFrom = n;
          }
          return n - quietFrom;
        },
        { timeout: 40_000, interval: 150 },
      )
      .toBeGreaterThanOrEqual(3);
    expect([...scans].every((at) => at > 0)).toBe(true);
    expect(scans.size).toBeGreaterThan(1); // it did re-scan…
    expect(scans.size).toBeLessThanOrEqual(1 + 5); // …the first scan and at most 5 re-scans
    for (const [p, path] of [[page, '/h/rewrite.html'], [fast, '/h/rewrite-fast.html']] as const) {
      const findings = await h.pageFindings(url(path));
      const keys = findings.map((f) => `${f.ruleId}|${f.quote?.exact ?? f.message}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(findings.filter((f) => f.quote?.exact === '再接再励')).toHaveLength(1);
      const marks = await p.locator('gsi-overlay .gsi-tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-mark-id')));
      expect(new Set(marks).size).toBe(marks.length);
      expect(marks.length).toBeGreaterThan(0);
      expect(await p.evaluate(() => document.querySelectorAll('gsi-overlay').length)).toBe(1);
      await p.close();
    }
  });

  it('framesets, about:blank frames and tabs, PDF tabs: no errors, no overlay where there is no page', async () => {
    const frames = await h.context.newPage();
    await frames.goto(url('/h/frameset.html'));
    const main = frames.frame({ url: /main\.html/ })!;
    expect(await settled(main)).toBe('done');
    expect(await main.locator('gsi-overlay .gsi-panel').isVisible()).toBe(true);
    expect(await typoFound('/h/main.html')).toBe(true);
    await frames.close();

    const blanks = await h.visit(url('/h/blank-frames.html'));
    expect(await settled(blanks)).toBe('done');
    for (const f of blanks.frames().filter((f) => f !== blanks.mainFrame())) {
      expect(await f.evaluate(() => document.querySelectorAll('gsi-overlay').length)).toBe(0);
    }
    await blanks.close();

    const blank = await h.context.newPage();
    await blank.goto('about:blank');
    const pdf = await h.context.newPage();
    await pdf.goto(url('/h/doc.pdf')).catch(() => undefined); // headless may treat it as a download
    // A page opened after both has been scanned: had the content script been injected there, it would have run by now.
    await (await h.visit(url('/h/main.html'))).close();
    expect(await blank.evaluate(() => document.querySelectorAll('gsi-overlay').length)).toBe(0);
    await blank.close();
    for (const f of pdf.frames()) {
      expect(await f.evaluate(() => document.querySelectorAll('gsi-overlay').length).catch(() => 0)).toBe(0);
    }
    await pdf.close();
  });

  it('afterwards the extension still scans a normal page, and it logged no error of its own', async () => {
    const page = await h.visit(url('/art/typo.html'));
    await waitForScan(page);
    expect(await page.locator('gsi-overlay .gsi-panel').getAttribute('data-state')).toBe('done');
    expect(await typoFound('/art/typo.html')).toBe(true);
    await page.close();
    expect(extensionErrors).toEqual([]);
  });
});
