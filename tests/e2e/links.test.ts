import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, closedPort } from './harness';
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
          'www.example-ext.com': (req: IncomingMessage, res: Res) => {
            log(req);
            send(res, 200, doc('external'));
          },
        },
      },
      { resolverRules: ['MAP dns.lnk.gov.cn ~NOTFOUND', `MAP refused.lnk.gov.cn 127.0.0.1:${refused}`] },
    );
  });
  afterAll(async () => {
    await h.dispose();
  });

  async function openPanelFor(url: string): Promise<{ tab: Page; panel: Page }> {
    const tab = await h.visit(url);
    const tabId = await h.bg.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
    expect(tabId).toBeTypeOf('number');
    const p = await h.context.newPage();
    await p.goto(`chrome-extension://${h.id}/sidepanel.html?tabId=${tabId}`);
    return { tab, panel: p };
  }

  it('checks every link with visible progress and lists the broken ones with their status', async () => {
    ({ tab: tabPage, panel } = await openPanelFor(PAGE));
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
});
