import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, DEMO_HOST, waitForScan } from './harness';

/**
 * suspected-typo in real Chromium: a planted homophone slip (一视同人 for 一视同仁) is found by the
 * language model in the offscreen document, comes back as a 待核实 finding of the first tier, and
 * the model is opened once for the browser session, not once per page.
 */
type Res = { writeHead: (s: number, h: Record<string, string>) => void; end: (b: string) => void };
const serve = (body: string) => (_req: unknown, res: Res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
};
const FILLER = '为进一步优化营商环境，激发市场主体活力，现将有关事项通知如下，请各单位结合实际认真抓好落实。';
const article = (title: string, slip: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}_示范县人民政府</title></head>
<body><div class="nav"><a href="/">首页</a></div><div class="article"><h1>${title}</h1><div class="info">发布时间：2025-05-10</div>
<div id="zoom"><p>${FILLER}</p><p>${slip}</p><p>${FILLER}</p><p>各乡镇、各部门要切实加强组织领导，确保各项措施落到实处。</p></div></div>
<div class="footer">主办单位：示范县人民政府办公室 网站标识码：3600000001</div></body></html>`;

const ROUTES = {
  '/t/slip.html': serve(article('关于公平竞争审查的通知', '对包括国企、民企、外企在内的各类市场主体一视同人。')),
  '/t/clean.html': serve(article('关于公平竞争审查的补充通知', '对包括国企、民企、外企在内的各类市场主体一视同仁。')),
  '/t/list2.html': serve(article('关于调整工作专班成员的通知', '领导小组成员因工作变动等需要调正的，由所在单位向领导小组办公室提出，按程序报领导小组组长批准。')),
  '/t/list3.html': serve(article('关于调整工作专班成员的补充通知', '领导小组成员因工作变动等需要调正的，由所在单位向领导小组办公室提出，按程序报领导小组组长批准。')),
  '/t/list.html': serve(article('关于调整领导小组成员的通知', '领导小组成员因工作变动等需要调正的，由所在单位向领导小组办公室提出，按程序报领导小组组长批准。')),
};

describe('suspected-typo through the offscreen language model', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start({ templating: true, routes: ROUTES });
  });
  afterAll(async () => {
    await h.dispose();
  });

  /** Opens a page, waits for its scan, and returns its suspected-typo findings. */
  const visit = async (path: string) => {
    const url = `http://${DEMO_HOST}${path}`;
    const page = await h.context.newPage();
    await page.goto(url);
    await waitForScan(page, 90_000);
    return { url, page, suspects: (await h.pageFindings(url)).filter((f) => f.ruleId === 'suspected-typo') };
  };

  /** The side panel pinned to the tab showing `url`, and its 疑似 list. */
  const sidePanelFor = async (url: string) => {
    const tabId = await h.bg.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
    const panel = await h.context.newPage();
    await panel.goto(`chrome-extension://${h.id}/sidepanel.html?tabId=${tabId}`);
    return { panel, list: panel.getByTestId('suspect-list') };
  };

  it('marks the planted slip for review and leaves the corrected page alone', async () => {
    const { suspects: found } = await visit('/t/slip.html');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ review: true, category: '错别字', quote: { exact: '一视同人' } });
    expect(found[0].detail).toMatchObject({ tier: 'mark', wrong: '人', right: '仁', word: '一视同仁' });
    expect((await visit('/t/clean.html')).suspects).toEqual([]);

    // One offscreen document served both pages.
    const docs = await h.bg.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length);
    expect(docs).toBe(1);
  });

  it('lists a second-tier suspect in the side panel only, and one key accepts it as a confirmed 错别字', async () => {
    const { url, page, suspects } = await visit('/t/list.html');
    const [f] = suspects;
    expect(f).toMatchObject({ quote: { exact: '调正' }, detail: { tier: 'list', word: '调整' } });
    // Never an inline mark: the page's own panel does not list it.
    expect(await page.locator('gsi-overlay .gsi-panel').innerText()).not.toContain('调正');

    const { panel, list } = await sidePanelFor(url);
    await expect.poll(async () => (await list.count()) && (await list.innerText()), { timeout: 20_000 }).toContain('需要调正的');
    expect(await list.innerText()).toContain('“正”疑为“整”');
    await panel.keyboard.press('a');
    await expect.poll(async () => (await h.pageFindings(url)).find((x) => x.id === f.id)?.status, { timeout: 20_000 }).toBe('confirmed');
    await expect.poll(async () => list.count(), { timeout: 20_000 }).toBe(0);
  });

  it('one key rejects a suspect, and the site never shows it again', async () => {
    const { url, suspects } = await visit('/t/list2.html');
    const [f] = suspects;
    expect(f?.status).toBe('open');
    const { panel, list } = await sidePanelFor(url);
    await expect.poll(async () => list.count(), { timeout: 20_000 }).toBe(1);
    await panel.keyboard.press('r');
    await expect.poll(async () => (await h.pageFindings(url)).find((x) => x.id === f.id)?.status, { timeout: 20_000 }).toBe('dismissed');

    const again = await visit('/t/list3.html');
    expect(again.suspects.filter((x) => x.status !== 'dismissed')).toHaveLength(0);
  });
});
