import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { Harness, DEMO_HOST, waitForScan } from './harness';

/**
 * Issue 14 (2, 3) and 18 (1): the background trusts nothing a content script says about who it
 * is or what it may change. Written as the inspected site would attack: a page embedding a
 * gov.cn page from its own domain to forge coverage, and a content script (the page's words)
 * forging patches, settings, rounds and exports. The content script's own world is reached
 * through the DevTools protocol, exactly where a tricked content script would send from.
 */

const FOOTER = `<div class="footer"><p>主办单位：示范县人民政府办公室 联系电话：0371-12345678</p><p>网站标识码：4101990001 豫ICP备05012345号</p></div>`;
const article = (title: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}_示范县人民政府</title></head><body>
<h1>${title}</h1><div class="art-info">发布时间：2025-03-01</div>
<div id="zoom" class="TRS_Editor"><p>会议要求各部门按步就班推进重点项目建设，确保年度目标任务圆满完成，为全县高质量发展作出新的更大贡献。</p></div>${FOOTER}</body></html>`;

type Res = { writeHead: (s: number, h: Record<string, string>) => void; end: (b: string) => void };
const html = (body: string) => (_req: unknown, res: Res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
};

const gov = (path: string) => `http://${DEMO_HOST}${path}`;
const EVIL = 'http://www.promo-evil.com';

const ROUTES = {
  '/t/page.html': html(article('政务公开')),
  '/t/other.html': html(article('其他页面')),
  '/t/badge.html': html(article('角标测试')),
  '/t/victim.html': html(article('被嵌入页面')),
  '/t/embed.html': html(`<!doctype html><html><head><meta charset="utf-8"><title>推广</title></head><body><p>广告</p>
    <iframe src="${gov('/t/victim.html')}" width="900" height="500"></iframe></body></html>`),
  '/t/framed.html': html(`<!doctype html><html><head><meta charset="utf-8"><title>专题_示范县人民政府</title></head><body><h1>专题</h1>
    <iframe src="/t/inner.html" width="900" height="500"></iframe>${FOOTER}</body></html>`),
  '/t/inner.html': html(article('专题内容')),
};

describe('the background trusts the sender, not the message', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start({ templating: true, routes: ROUTES });
  });
  afterAll(async () => {
    await h.dispose();
  });

  /** Send a message from our content script's isolated world in the page's top frame (or in a cross-site frame). */
  async function fromContentScript(page: Page | Frame, request: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> {
    const cdp = await h.context.newCDPSession(page);
    const worlds: { id: number; origin: string; auxData?: { frameId?: string; type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof worlds)[number] }) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    await expect.poll(() => worlds.some((w) => w.auxData?.frameId === frameTree.frame.id && w.origin.startsWith(`chrome-extension://${h.id}`))).toBe(true);
    const world = worlds.find((w) => w.auxData?.frameId === frameTree.frame.id && w.origin.startsWith(`chrome-extension://${h.id}`))!;
    const { result } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      expression: `chrome.runtime.sendMessage(${JSON.stringify(request)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    await cdp.detach();
    return result.value;
  }

  const stopServiceWorker = async () => {
    const page = await h.context.newPage();
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    await page.close();
  };

  const tabIdOf = (url: string) => h.bg.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)!.id!, url);
  const badgeOf = (tabId: number) => h.bg.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);

  it('records nothing of a gov.cn page framed by another site: coverage cannot be forged', async () => {
    const page = await h.context.newPage();
    await page.goto(`${EVIL}/t/embed.html`);
    await expect.poll(() => !!page.frame({ url: /victim\.html/ })).toBe(true);
    const frame = page.frame({ url: /victim\.html/ })!;
    // The background never injects the scanner under a top page that is not a government site; force
    // our extension's world into every frame it may reach, as if a scanner ran there: whatever it
    // reports is refused …
    // (The top page is out of reach, so allFrames fails: each frame id of the newest tab is tried.)
    await h.bg.evaluate(async () => {
      const tabId = Math.max(...(await chrome.tabs.query({})).map((t) => t.id ?? 0));
      for (let frameId = 1; frameId < 400; frameId++) {
        await chrome.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: () => 0 }).catch(() => undefined);
      }
    });
    const asked = await fromContentScript(frame, { type: 'findings:page' });
    expect(asked.error).toMatch(/不在检查范围内/);
    const result = { url: gov('/t/victim.html'), title: '被嵌入页面', pageType: 'article', findings: [], columns: [], latestDate: '2025-03-01', errors: [], ms: 1 };
    expect((await fromContentScript(frame, { type: 'scan:result', result })).error).toMatch(/不在检查范围内/);
    // … and nothing was stored: no findings, no visited page.
    expect(await h.pageFindings(gov('/t/victim.html'))).toEqual([]);
    const site = await h.ask<{ pages: { url: string }[] }>({ type: 'findings:site', url: gov('/') });
    expect(site.pages.map((p) => p.url)).not.toContain(`${DEMO_HOST}/t/victim.html`);
    await page.close();
  });

  it('a content script cannot change settings, rounds, exports, or reach the dashboard-only messages', async () => {
    const page = await h.visit(gov('/t/page.html'));
    const before = await h.ask<{ settings: { inspector: string }; round: { id: string; monitoringDate: string } }>({ type: 'settings:get' });
    for (const req of [
      { type: 'settings:set', patch: { inspector: '网站自己', thresholds: { newsDays: 9999, noticeDays: 9999, otherDays: 9999, homeDays: 9999 } } },
      { type: 'round:set', roundId: '2000Q1', monitoringDate: '2000-01-01' },
      { type: 'export:sheets', includeOpen: true },
      { type: 'dismissals:list', url: gov('/') },
      { type: 'tab:findings', tabId: 1 },
    ]) {
      const reply = await fromContentScript(page, req);
      expect(reply.ok, req.type).toBe(false);
      expect(reply.error, req.type).toMatch(/扩展页面/);
    }
    const after = await h.ask<typeof before>({ type: 'settings:get' });
    expect(after.settings.inspector).toBe(before.settings.inspector);
    expect(after.round).toEqual(before.round);
    await page.close();
  });

  it('a forged finding patch with extra fields, or one for another page, changes nothing', async () => {
    await (await h.visit(gov('/t/other.html'))).close();
    const elsewhere = (await h.pageFindings(gov('/t/other.html')))[0]!;
    const page = await h.visit(gov('/t/page.html'));
    const own = (await h.pageFindings(gov('/t/page.html')))[0]!;
    expect(own && elsewhere).toBeTruthy();

    const forged = await fromContentScript(page, { type: 'finding:update', id: own.id, patch: { status: 'dismissed', pageUrl: 'x', roundId: '2000Q1', inspector: '网站自己' } });
    expect(forged.ok).toBe(false);
    const foreign = await fromContentScript(page, { type: 'finding:update', id: elsewhere.id, patch: { status: 'dismissed' } });
    expect(foreign.ok).toBe(false);
    expect((await h.pageFindings(gov('/t/page.html'))).find((f) => f.id === own.id)).toEqual(own);
    expect((await h.pageFindings(gov('/t/other.html'))).find((f) => f.id === elsewhere.id)).toEqual(elsewhere);

    // The whitelisted review fields of its own page still work (the overlay's 排除).
    const fair = await fromContentScript(page, { type: 'finding:update', id: own.id, patch: { status: 'dismissed', dismissReason: '误报' } });
    expect(fair.ok).toBe(true);
    await page.close();
  });

  it('a scan result is filed under the sender\'s address, whatever address it claims', async () => {
    const page = await h.visit(gov('/t/page.html'));
    const claimed = 'http://www.another.gov.cn/claimed.html';
    const result = { url: claimed, title: '伪造', pageType: 'article', findings: [], columns: [], latestDate: '2099-01-01', errors: [], ms: 1 };
    expect((await fromContentScript(page, { type: 'scan:result', result })).ok).toBe(true);
    const other = await h.ask<{ pages: unknown[]; site: unknown }>({ type: 'findings:site', url: claimed });
    expect(other.site).toBeNull();
    await page.close();
  });

  it('frame findings are still listed for the tab after the service worker restarts', async () => {
    const page = await h.context.newPage();
    await page.goto(gov('/t/framed.html'));
    await waitForScan(page);
    await expect.poll(async () => (await h.pageFindings(gov('/t/inner.html'))).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const tabId = await tabIdOf(gov('/t/framed.html'));
    await stopServiceWorker();
    const listed = await h.ask<{ findings: { pageUrl: string }[] }>({ type: 'tab:findings', tabId });
    expect(listed.findings.map((f) => f.pageUrl)).toContain(`${DEMO_HOST}/t/inner.html`);
    await page.close();
  });

  it('a 排除 in the dashboard recounts the open tab\'s badge, even with the worker asleep', async () => {
    const page = await h.visit(gov('/t/badge.html'));
    const open = (await h.pageFindings(gov('/t/badge.html'))).filter((f) => f.status === 'open' && f.stillPresent);
    expect(open.length).toBeGreaterThan(0);
    const tabId = await tabIdOf(gov('/t/badge.html'));
    await expect.poll(() => badgeOf(tabId)).toBe(String(open.length));
    await stopServiceWorker();

    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.id}/dashboard.html#findings`);
    await dash.getByTestId('filter-text').fill('角标测试');
    const row = dash.locator(`[data-testid="finding-row"][data-status="open"]`).first();
    await row.waitFor();
    await row.locator('[data-action="dismiss"]').click();
    await expect.poll(() => badgeOf(tabId), { timeout: 15_000 }).toBe(open.length > 1 ? String(open.length - 1) : '');
    await dash.close();
    await page.close();
  });
});
