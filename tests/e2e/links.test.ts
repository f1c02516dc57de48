import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, closedPort } from './harness';
import { importRoster, rosterCsv } from './roster';
import type { Finding } from '../../utils/db/types';

/**
 * 检查链接 in real Chromium: a page whose links answer 404, a soft 404, a redirect loop, a
 * redirect to an error page, DNS failure, refused and reset connections, slowly, a document
 * only HEAD is needed for, and a HEAD-refusing server; plus an external link the extension
 * may not reach. Checked from the side panel with progress, listed with their status, marked
 * inline as findings; a second run is stopped half-way.
 */
type Res = ServerResponse;
const HOST = 'www.lnk.gov.cn';
const PAGE = `http://${HOST}/col/tzgg/`;
const MANY = `http://${HOST}/col/many/`;
const FOOTER = '<div class="footer"><p>主办单位：示范县人民政府办公室 联系电话：0371-12345678</p><p>网站标识码：4101990001</p></div>';

const page = `<!doctype html><html><head><meta charset="utf-8"><title>通知公告_链接县人民政府</title></head><body>
<h1>通知公告</h1><ul>
<li><a href="/art/ok.html">关于开展安全生产检查的通知</a> 2025-03-01</li>
<li><a href="/art/gone.html">关于春节假期值班安排的通知</a> 2025-01-20</li>
<li><a href="/art/soft.html">关于征集民生实事项目的公告</a> 2025-01-10</li>
<li><a href="/art/loop-a.html">关于调整公交线路的通告</a> 2024-12-30</li>
<li><a href="/art/moved.html">政策文件汇编（已调整）</a> 2024-12-01</li>
<li><a href="/files/guide.pdf">办事指南下载</a></li>
<li><a href="/art/slow.html">政府工作报告全文</a></li>
<li><a href="/art/nohead.html">政务公开工作要点</a></li>
<li><a href="http://dns.lnk.gov.cn/index.html">原县档案馆网站</a></li>
<li><a href="http://refused.lnk.gov.cn/">原县旅游网</a></li>
<li><a href="http://reset.lnk.gov.cn/">原县招商网</a></li>
<li><a href="https://www.example-ext.com/">合作单位网站</a></li>
<li><a href="mailto:zfb@lnk.gov.cn">联系我们</a></li>
</ul>${FOOTER}</body></html>`;

const many = `<!doctype html><html><head><meta charset="utf-8"><title>政策文件_链接县人民政府</title></head><body><h1>政策文件</h1><ul>
${Array.from({ length: 24 }, (_, i) => `<li><a href="http://slowdocs.lnk.gov.cn/doc/${i}.html">政策文件第${i + 1}号</a></li>`).join('\n')}
</ul>${FOOTER}</body></html>`;

const HOME = 'www.home.gov.cn';
const BUSY = 'www.busy.gov.cn';
const home = `<!doctype html><html><head><meta charset="utf-8"><title>首页县人民政府</title></head><body>
<h1>首页县人民政府</h1><ul>
<li><a href="/art/ok.html">关于做好防汛工作的通知</a></li>
<li><a href="/art/removed.html">关于公布权责清单的公告</a></li>
<li><a href="http://refused.lnk.gov.cn/">原县旅游网</a></li>
<li><a href="https://www.example-ext.com/">合作单位网站</a></li>
</ul>${FOOTER}</body></html>`;
const busy = `<!doctype html><html><head><meta charset="utf-8"><title>繁忙县人民政府</title></head><body><h1>繁忙县人民政府</h1><ul>
${Array.from({ length: 12 }, (_, i) => `<li><a href="http://docs.busy.gov.cn/doc/${i}.html">文件第${i + 1}号</a></li>`).join('\n')}
</ul>${FOOTER}</body></html>`;
/** How long docs.busy.gov.cn takes to answer: quick for the full run, slow for the stop test. */
let slowDocsMs = 0;

interface Hit {
  host: string;
  path: string;
  method: string;
  cookie: boolean;
}

describe('检查链接 (link check on demand)', () => {
  const h = new Harness();
  const hits: Hit[] = [];
  let tabPage: Page;
  let panel: Page;
  let tabId: number;

  const send = (res: Res, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(body);
  };
  const doc = (title: string, text = '正文内容。') => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
  const log = (req: IncomingMessage) =>
    hits.push({ host: (req.headers.host ?? '').replace(/:\d+$/, ''), path: req.url ?? '', method: req.method ?? '', cookie: Boolean(req.headers.cookie) });

  beforeAll(async () => {
    const refused = await closedPort();
    await h.start(
      {
        hostRoutes: {
          [HOST]: (req: IncomingMessage, res: Res) => {
            log(req);
            const p = req.url ?? '/';
            if (p === '/col/tzgg/') return send(res, 200, page, { 'set-cookie': 'JSESSIONID=inspector-session; Path=/' });
            if (p === '/col/many/') return send(res, 200, many);
            if (p === '/art/ok.html') return send(res, 200, doc('关于开展安全生产检查的通知_链接县人民政府'));
            if (p === '/art/gone.html') return send(res, 404, doc('404 Not Found'));
            if (p === '/art/soft.html') return send(res, 200, doc('页面不存在', '对不起，您访问的页面不存在或已被删除。'));
            if (p === '/art/loop-a.html') return send(res, 302, '', { location: '/art/loop-b.html' });
            if (p === '/art/loop-b.html') return send(res, 302, '', { location: '/art/loop-a.html' });
            if (p === '/art/moved.html') return send(res, 302, '', { location: '/404.html' });
            if (p === '/404.html') return send(res, 200, doc('链接县人民政府', '返回首页'));
            if (p === '/files/guide.pdf') {
              res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '4' });
              return res.end(req.method === 'HEAD' ? undefined : '%PDF');
            }
            if (p === '/art/slow.html') return void setTimeout(() => send(res, 200, doc('政府工作报告_链接县人民政府')), 1_500);
            if (p === '/art/nohead.html') return req.method === 'HEAD' ? send(res, 405, '') : send(res, 200, doc('政务公开工作要点_链接县人民政府'));
            send(res, 404, doc('404'));
          },
          'reset.lnk.gov.cn': (req: IncomingMessage) => {
            log(req);
            req.socket.destroy();
          },
          'slowdocs.lnk.gov.cn': (req: IncomingMessage, res: Res) => {
            log(req);
            setTimeout(() => send(res, 200, doc('政策文件_链接县人民政府')), 1_000);
          },
          // A roster site: its home page redirects to /index.html and links to a live article, a
          // removed one, a dead host and an external site; /login gives the inspector a session.
          [HOME]: (req: IncomingMessage, res: Res) => {
            log(req);
            const p = req.url ?? '/';
            if (p === '/') return send(res, 302, '', { location: '/index.html' });
            if (p === '/index.html') return send(res, 200, home);
            if (p === '/login') return send(res, 200, doc('登录'), { 'set-cookie': 'sid=inspector-secret; Path=/' });
            if (p === '/art/ok.html') return send(res, 200, doc('通知_首页县人民政府'));
            send(res, 404, doc('404 Not Found'));
          },
          // A roster site whose home page links to many documents on one slow host (the stop test).
          [BUSY]: (req: IncomingMessage, res: Res) => {
            log(req);
            send(res, 200, busy);
          },
          'docs.busy.gov.cn': (req: IncomingMessage, res: Res) => {
            log(req);
            setTimeout(() => send(res, 200, doc('文件_繁忙县人民政府')), slowDocsMs);
          },
          'www.example-ext.com': (req: IncomingMessage, res: Res) => {
            log(req);
            send(res, 200, doc('external'));
          },
        },
      },
      // webRequest in effect: dns / refused / reset / redirect-loop come from its error names.
      { resolverRules: ['MAP dns.lnk.gov.cn ~NOTFOUND', `MAP refused.lnk.gov.cn 127.0.0.1:${refused}`], webRequest: true },
    );
  });
  afterAll(async () => {
    await h.dispose();
  });

  async function openPanelFor(url: string): Promise<{ tab: Page; panel: Page; tabId: number }> {
    const tab = await h.visit(url);
    const id = await h.bg.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
    expect(id).toBeTypeOf('number');
    const p = await h.context.newPage();
    await p.goto(`chrome-extension://${h.id}/sidepanel.html?tabId=${id}`);
    return { tab, panel: p, tabId: id! };
  }

  it('checks every link with visible progress and lists the broken ones with their status', async () => {
    ({ tab: tabPage, panel, tabId } = await openPanelFor(PAGE));
    const before = hits.length;
    await panel.locator('[data-action="links-check"]').click();
    const run = panel.getByTestId('link-run');
    await expect.poll(() => run.getAttribute('data-state'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => panel.getByTestId('links-progress').innerText(), { timeout: 10_000 }).toMatch(/^\d+\/12$/);
    await expect.poll(() => run.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    await expect.poll(() => panel.getByTestId('links-progress').innerText()).toBe('12/12');

    const kinds = Object.fromEntries(
      await panel.locator('[data-broken]').evaluateAll((els) => els.map((e) => [new URL(e.getAttribute('data-broken')!).pathname + '@' + new URL(e.getAttribute('data-broken')!).host, e.getAttribute('data-kind')])),
    );
    expect(kinds).toEqual({
      [`/art/gone.html@${HOST}`]: 'http',
      [`/art/soft.html@${HOST}`]: 'soft-404',
      [`/art/loop-a.html@${HOST}`]: 'redirect-loop',
      [`/art/moved.html@${HOST}`]: 'soft-404',
      '/index.html@dns.lnk.gov.cn': 'dns',
      '/@refused.lnk.gov.cn': 'refused',
      '/@reset.lnk.gov.cn': 'reset',
    });
    await expect.poll(() => panel.getByTestId('links-summary').innerText()).toContain('无法打开 7 个，未检查 1 个（无访问权限）');
    // the skipped external link can be granted and checked right here
    await expect.poll(() => panel.locator('[data-action="links-grant"]').innerText()).toContain('检查这 1 个链接');
    await expect.poll(() => panel.locator(`[data-broken="http://${HOST}/art/gone.html"]`).innerText()).toContain('HTTP 404');

    const mine = hits.slice(before);
    // only the page's own links were requested; the external site (no grant) was not contacted
    expect(mine.some((x) => x.host === 'www.example-ext.com')).toBe(false);
    // no cookies: the page set a session cookie, which no check request carried
    expect((await h.context.cookies(PAGE)).map((c) => c.name)).toContain('JSESSIONID');
    expect(mine.filter((x) => x.cookie && x.path !== '/col/tzgg/' && x.path !== '/favicon.ico')).toEqual([]);
    // HEAD sufficed for the document; GET followed where HEAD was refused
    expect(mine.filter((x) => x.path === '/files/guide.pdf').map((x) => x.method)).toEqual(['HEAD']);
    expect(mine.filter((x) => x.path === '/art/nohead.html').map((x) => x.method)).toEqual(['HEAD', 'GET']);
  });

  // What the grant button sends once Chrome's prompt is answered (headless Chromium cannot answer
  // it: a click leaves the prompt pending). Without the grant the skipped link stays 未检查, and
  // nothing else is asked again.
  it('re-checks only the skipped links on request, keeping the other results', async () => {
    const before = hits.length;
    const { run } = await h.ask<{ run: { checked: number; planned: number } }>({ type: 'links:recheck', tabId });
    expect([run.checked, run.planned]).toEqual([11, 12]);
    await expect.poll(() => panel.getByTestId('link-run').getAttribute('data-state'), { timeout: 15_000 }).toBe('done');
    await expect.poll(() => panel.getByTestId('links-summary').innerText()).toContain('无法打开 7 个，未检查 1 个（无访问权限）');
    expect(await panel.getByTestId('links-progress').innerText()).toBe('12/12');
    expect(hits.slice(before)).toEqual([]);
  });

  it('turns broken links into 扣分 findings marked inline on the link text', async () => {
    let broken: Finding[] = [];
    await expect
      .poll(async () => (broken = (await h.pageFindings(PAGE)).filter((f) => f.ruleId === 'broken-link')).length, { timeout: 15_000 })
      .toBe(7);
    const gone = broken.find((f) => f.detail.href === `http://${HOST}/art/gone.html`)!;
    expect(gone).toMatchObject({ severity: 'deduct', category: '可用性', quote: { exact: '关于春节假期值班安排的通知' }, detail: { reason: 'HTTP 404', kind: 'http' } });
    // marked in the page like any other finding
    await expect.poll(() => tabPage.locator(`gsi-overlay .gsi-tag[data-mark-id="${gone.id}"]`).count(), { timeout: 15_000 }).toBe(1);
    // a reload rescans the page: the link findings stay
    await tabPage.reload();
    await expect.poll(async () => (await h.pageFindings(PAGE)).filter((f) => f.ruleId === 'broken-link' && f.stillPresent).length, { timeout: 15_000 }).toBe(7);
    // and they reach the 问题明细 sheet
    const { files } = await h.ask<{ files: { name: string; content: string }[] }>({ type: 'export:sheets', includeOpen: true });
    expect(files.find((f) => f.name.includes('问题明细'))!.content).toContain('关于春节假期值班安排的通知');
  });

  it('stops a run half-way: the remaining links are left alone', async () => {
    const { panel: p2 } = await openPanelFor(MANY);
    await p2.locator('[data-action="links-check"]').click();
    await expect.poll(async () => Number((await p2.getByTestId('links-progress').innerText().catch(() => '0/0')).split('/')[0]), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await p2.locator('[data-action="links-stop"]').click();
    await expect.poll(() => p2.getByTestId('link-run').getAttribute('data-state'), { timeout: 15_000 }).toBe('stopped');
    const done = Number((await p2.getByTestId('links-progress').innerText()).split('/')[0]);
    expect(done).toBeLessThan(24);
    // one host, one request at a time, half a second apart: the stop came before most were asked
    const asked = hits.filter((x) => x.host === 'slowdocs.lnk.gov.cn');
    expect(asked.length).toBeLessThan(24);
    expect(new Set(asked.map((x) => x.path)).size).toBeLessThanOrEqual(done + 1);
  });

  it('from the dashboard, checks the links on every roster home page and records broken ones on that home page', async () => {
    // The inspector is logged in on a roster site: neither its home page nor its links get the cookie.
    const login = await h.context.newPage();
    await login.goto(`http://${HOME}/login`);
    expect((await h.context.cookies(`http://${HOME}/`)).map((c) => c.name)).toContain('sid');
    await login.close();
    const rosterPage = await importRoster(
      h,
      rosterCsv([
        ['首页县人民政府', `http://${HOME}/`],
        ['拒绝县人民政府', 'http://refused.lnk.gov.cn/'],
        ['繁忙县人民政府', `http://${BUSY}/`],
      ]),
    );
    await rosterPage.close();
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.id}/dashboard.html#availability`);
    const before = hits.length;
    await dash.locator('[data-action="roster-check"]').click();
    const run = dash.getByTestId('link-run');
    await expect.poll(() => run.getAttribute('data-state'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => run.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    // 3 home pages, then 4 + 12 links on the two that opened
    expect(await dash.getByTestId('links-progress').innerText()).toBe('19/19');
    expect(await dash.locator('[data-page-failed]').evaluateAll((els) => els.map((e) => e.getAttribute('data-page-failed')))).toEqual(['http://refused.lnk.gov.cn/']);
    const listed = await dash.locator('[data-broken]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-broken'), e.getAttribute('data-page'), e.getAttribute('data-kind')]));
    expect(listed.sort()).toEqual(
      [
        [`http://${HOME}/art/removed.html`, `http://${HOME}/index.html`, 'http'],
        ['http://refused.lnk.gov.cn/', `http://${HOME}/index.html`, 'refused'],
      ].sort(),
    );
    expect(await dash.getByTestId('links-summary').innerText()).toContain('链接无法打开 2 个，未检查 1 个（无访问权限）');
    await expect.poll(() => dash.locator('[data-action="links-grant"]').count()).toBe(1);

    // findings on the home page the inspector lands on (after its redirect), like the page action's
    let found: Finding[] = [];
    await expect.poll(async () => (found = (await h.pageFindings(`http://${HOME}/index.html`)).filter((f) => f.ruleId === 'broken-link')).length, { timeout: 15_000 }).toBe(2);
    const removed = found.find((f) => f.detail.href === `http://${HOME}/art/removed.html`)!;
    expect(removed).toMatchObject({ severity: 'deduct', category: '可用性', quote: { exact: '关于公布权责清单的公告' }, detail: { reason: 'HTTP 404', kind: 'http' } });
    expect((await h.pageFindings(`http://${BUSY}/`)).filter((f) => f.ruleId === 'broken-link')).toEqual([]);

    // only roster hosts and the links on their home pages were asked, none with the cookie
    const mine = hits.slice(before);
    expect(new Set(mine.map((x) => x.host))).toEqual(new Set([HOME, BUSY, 'docs.busy.gov.cn']));
    expect(mine.filter((x) => x.cookie)).toEqual([]);
    expect(mine.filter((x) => x.host === HOME).map((x) => x.path).sort()).toEqual(['/', '/art/ok.html', '/art/ok.html', '/art/removed.html', '/art/removed.html', '/index.html']);

    // opening the home page marks the broken link inline; the finding reaches the sheet
    const tab = await h.visit(`http://${HOME}/`);
    await expect.poll(() => tab.locator(`gsi-overlay .gsi-tag[data-mark-id="${removed.id}"]`).count(), { timeout: 15_000 }).toBe(1);
    await tab.close();
    const { files } = await h.ask<{ files: { name: string; content: string }[] }>({ type: 'export:sheets', includeOpen: true });
    expect(files.find((f) => f.name.includes('问题明细'))!.content).toContain('关于公布权责清单的公告');
    await dash.close();
  });

  it('stops a roster run half-way: the links not yet reached are never requested, earlier findings stay', async () => {
    slowDocsMs = 1_000;
    const docs = () => hits.filter((x) => x.host === 'docs.busy.gov.cn');
    const docsBefore = docs().length;
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.id}/dashboard.html#availability`);
    await dash.locator('[data-action="roster-check"]').click();
    await expect.poll(() => docs().length - docsBefore, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await dash.locator('[data-action="roster-stop"]').click();
    const run = dash.getByTestId('link-run');
    await expect.poll(() => run.getAttribute('data-state'), { timeout: 15_000 }).toBe('stopped');
    const asked = docs().slice(docsBefore);
    // one host, one request at a time, half a second apart, a second each: most were never asked
    expect(asked.length).toBeLessThan(12);
    const [done, planned] = (await dash.getByTestId('links-progress').innerText()).split('/').map(Number);
    expect(done).toBeLessThan(planned!);
    // a stopped run retires nothing: the first run's findings on the home page are still present
    const live = (await h.pageFindings(`http://${HOME}/index.html`)).filter((f) => f.ruleId === 'broken-link' && f.stillPresent);
    expect(live.length).toBe(2);
    // and nothing more was asked after the stop
    expect(docs().length - docsBefore).toBe(asked.length);
    await dash.close();
  });
});

/**
 * With the optional host grant held (the harness copy whose manifest already has it; the same
 * state the grant button leaves after the inspector accepts Chrome's prompt): external links are
 * checked, not skipped, and no grant button is offered.
 */
describe('检查链接 with the external-site grant', () => {
  const g = new Harness();
  const asked: string[] = [];
  const EXT_PAGE = 'http://www.grant.gov.cn/col/yqlj/';
  beforeAll(async () => {
    await g.start(
      {
        hostRoutes: {
          'www.grant.gov.cn': (_req: IncomingMessage, res: Res) => {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            res.end(`<!doctype html><html><head><meta charset="utf-8"><title>友情链接_授权县人民政府</title></head><body><h1>友情链接</h1><ul>
<li><a href="http://www.example-ext.com/ok.html">合作单位网站</a></li>
<li><a href="http://www.example-ext.com/gone.html">已撤销的合作平台</a></li>
</ul>${FOOTER}</body></html>`);
          },
          'www.example-ext.com': (req: IncomingMessage, res: Res) => {
            asked.push(req.url ?? '');
            res.writeHead(req.url === '/ok.html' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
            res.end('<!doctype html><title>x</title><p>x</p>');
          },
        },
      },
      { grantHostAccess: true },
    );
  });
  afterAll(async () => {
    await g.dispose();
  });

  it('checks the external links instead of listing them as 未检查', async () => {
    await g.visit(EXT_PAGE);
    const tabId = await g.bg.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, EXT_PAGE);
    const panel = await g.context.newPage();
    await panel.goto(`chrome-extension://${g.id}/sidepanel.html?tabId=${tabId}`);
    await panel.locator('[data-action="links-check"]').click();
    await expect.poll(() => panel.getByTestId('link-run').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await panel.getByTestId('links-summary').innerText()).toBe('无法打开 1 个');
    expect(await panel.locator('[data-broken]').evaluateAll((els) => els.map((e) => e.getAttribute('data-broken')))).toEqual(['http://www.example-ext.com/gone.html']);
    expect(await panel.locator('[data-action="links-grant"]').count()).toBe(0);
    expect(new Set(asked)).toEqual(new Set(['/ok.html', '/gone.html']));
  });
});
