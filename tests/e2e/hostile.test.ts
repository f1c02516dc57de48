import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleMessage, Frame, Page } from 'playwright-core';
import type { Finding } from '../../utils/db/types';
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

/**
 * Issue 14: the site under inspection fights back, with generic scripts (tests/fixtures/hostile/pages.ts)
 * that know nothing of our names. The extension is loaded as shipped: its overlay sits in a closed
 * shadow root, so these tests see it only as the page would, through the host element, and read
 * what was recorded from the background. The inspector's own input is real (trusted) input.
 */
describe('a site that fights its inspector', () => {
  const h = new Harness();
  const ROUTES2 = {
    '/x/replay.html': serve(P.attackPage('重放消息_示范县人民政府', P.REPLAY)),
    '/x/cloak.html': serve(P.attackPage('隐藏暗链_示范县人民政府', P.CLOAK)),
    '/x/synthetic.html': serve(P.attackPage('伪造操作_示范县人民政府', P.SYNTHETIC)),
    '/x/snoop.html': serve(P.attackPage('窥探_示范县人民政府', P.SNOOP)),
  };
  beforeAll(async () => {
    await h.start({ templating: true, routes: ROUTES2 }, { shipped: true });
  });
  afterAll(async () => {
    await h.dispose();
  });

  const findings = (path: string) => h.pageFindings(url(path));
  /** The scan is stored: the typo and the 暗链 both recorded. */
  const recorded = async (path: string) => {
    await expect.poll(async () => (await findings(path)).map((f) => f.ruleId).filter((r) => r === 'typo' || r === 'hidden-links').sort().join(), { timeout: 30_000 }).toMatch(/^(hidden-links,)+typo$/);
  };
  /** Centre of the element inside our closed shadow root that has this attribute, found over CDP (pierces closed roots). */
  const closedElementAt = async (page: Page, name: string, value: string) => {
    const cdp = await page.context().newCDPSession(page);
    type N = { nodeId: number; attributes?: string[]; children?: N[]; shadowRoots?: N[] };
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: N };
    const find = (n: N): N | null => {
      const a = n.attributes ?? [];
      for (let i = 0; i < a.length; i += 2) if (a[i] === name && a[i + 1] === value) return n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
        const hit = find(c);
        if (hit) return hit;
      }
      return null;
    };
    const node = find(root);
    if (!node) throw new Error(`${name}=${value} not found`);
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId })) as { model: { content: number[] } };
    await cdp.detach();
    const q = model.content;
    return { x: (q[0]! + q[4]!) / 2, y: (q[1]! + q[5]!) / 2 };
  };

  it('replaying window messages does not switch the inspector off; it never speaks through window at all', async () => {
    const page = await h.context.newPage();
    await page.goto(url('/x/replay.html'));
    await recorded('/x/replay.html');
    expect(await page.evaluate(() => document.querySelectorAll('gsi-overlay').length)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);
    await page.close();
  });

  it('a page that removes its 暗链 when anything of ours appears cannot hide them: the scan ran first', async () => {
    const page = await h.context.newPage();
    await page.goto(url('/x/cloak.html'));
    await page.waitForFunction(() => (window as unknown as { __cloaked?: number }).__cloaked, undefined, { timeout: 30_000 });
    await recorded('/x/cloak.html');
    expect(await page.evaluate(() => document.querySelectorAll('#ads a').length)).toBe(0); // the cloak did run
    // Provoke a re-scan: the links are gone from the page, the evidence seen on arrival stays.
    const before = await h.lastScanned(url('/x/cloak.html'));
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('p'), { textContent: '页面更新' })));
    await expect.poll(() => h.lastScanned(url('/x/cloak.html')), { timeout: 30_000 }).toBeGreaterThan(before);
    const spam = (await findings('/x/cloak.html')).filter((f) => f.ruleId === 'hidden-links');
    expect(spam.length).toBeGreaterThan(0);
    expect(spam.every((f) => f.stillPresent && f.status === 'open')).toBe(true);
    await page.close();
  });

  it('synthetic keys and clicks on everything change nothing; built-ins replaced afterwards stop nothing; real keys still work', async () => {
    const page = await h.context.newPage();
    await page.goto(url('/x/synthetic.html'));
    await recorded('/x/synthetic.html');
    await page.waitForFunction(() => (window as unknown as { __rounds: number }).__rounds >= 20, undefined, { timeout: 30_000 });
    const after = await findings('/x/synthetic.html');
    expect(after.map((f) => f.status).filter((s) => s !== 'open')).toEqual([]);
    expect((await h.ask<{ dismissals: unknown[] }>({ type: 'dismissals:list', url: url('/x/synthetic.html') })).dismissals).toEqual([]);

    // The page replaced DOM and JSON built-ins and our host's methods (in its own world): re-scans and marks go on.
    const before = await h.lastScanned(url('/x/synthetic.html'));
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('p'), { textContent: '页面更新' })));
    await expect.poll(() => h.lastScanned(url('/x/synthetic.html')), { timeout: 30_000 }).toBeGreaterThan(before);

    await page.bringToFront();
    await page.keyboard.press('Alt+Shift+KeyJ');
    await page.keyboard.press('Alt+Shift+KeyC');
    await expect.poll(async () => (await findings('/x/synthetic.html')).filter((f: Finding) => f.status === 'confirmed').length, { timeout: 15_000 }).toBe(1);
    await page.close();
  });

  it('the page reads neither the panel nor what the inspector types into it', async () => {
    const page = await h.context.newPage();
    await page.goto(url('/x/snoop.html'));
    await recorded('/x/snoop.html');
    expect(await page.evaluate(() => document.querySelector('gsi-overlay')!.shadowRoot)).toBeNull();
    await page.bringToFront();
    await page.keyboard.press('Alt+Shift+KeyM'); // 标记为问题: the form opens in the panel
    await expect.poll(() => closedElementAt(page, 'name', 'message').then(() => true, () => false), { timeout: 15_000 }).toBe(true);
    const box = await closedElementAt(page, 'name', 'message');
    await page.mouse.click(box.x, box.y);
    await page.keyboard.type('secret-note-42');
    const save = await closedElementAt(page, 'data-action', 'save-manual');
    await page.mouse.click(save.x, save.y);
    await expect.poll(async () => (await findings('/x/snoop.html')).find((f) => f.source === 'manual')?.message, { timeout: 15_000 }).toBe('secret-note-42');
    const snoops = await page.evaluate(() => (window as unknown as { __snoops: number }).__snoops);
    await page.waitForFunction((n) => (window as unknown as { __snoops: number }).__snoops > n + 1, snoops);
    const stolen = await page.evaluate(() => (window as unknown as { __stolen: string }).__stolen);
    expect(stolen).not.toContain('secret');
    expect(stolen).not.toContain('巡检助手');
    expect(stolen).not.toContain('按步就班”'); // a card's quote, as the panel shows it
    await page.close();
  });
});
