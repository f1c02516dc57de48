import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, waitForScan } from './harness';

/**
 * Issue 15 in real Chromium: the column map outlines the detected columns with name, class,
 * newest date and age; a correction made on it is stored for the site and survives a reload
 * and a new round; a block the detection missed can be added by clicking it.
 */

const HOST = 'www.lmtest.gov.cn';
const HOME = `http://${HOST}/`;

const page = () => `<!doctype html><html><head><meta charset="utf-8"><title>栏目测试县人民政府</title>
<style>.box{width:600px;margin:20px 0;border:1px solid #ddd}.hd{font-weight:bold;background:#eef}.side{width:600px;margin:20px 0}</style></head><body>
<div class="box"><div class="hd">工作动态 <a href="/gzdt/">更多</a></div><ul>
<li><a href="/gzdt/202401/t20240110_1.html">县政府召开常务会议研究部署重点工作</a><span>2024-01-10</span></li>
<li><a href="/gzdt/202401/t20240105_2.html">全县冬季安全生产大检查全面启动</a><span>2024-01-05</span></li></ul></div>
<div class="box"><div class="hd">公示公告 <a href="/gsgg/">更多</a></div><ul>
<li><a href="/gsgg/202312/t20231201_3.html">关于拟任职干部的公示</a><span>2023-12-01</span></li>
<li><a href="/gsgg/202311/t20231120_4.html">关于政府购买服务项目的公告</a><span>2023-11-20</span></li></ul></div>
<div class="side" id="bmfw"><p>便民专区</p><div><a href="/bm/1.html">社保缴费查询服务说明</a></div><div><a href="/bm/2.html">公积金提取办理指南</a></div></div>
<div class="footer"><p>主办单位：栏目测试县人民政府办公室 联系电话：0371-12345678</p><p>网站标识码：4101990009 豫ICP备05012399号 豫公网安备 41019902000199号</p></div>
</body></html>`;

function html(res: { writeHead: (s: number, h: Record<string, string>) => void; end: (b: string) => void }) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(page());
}

async function poll<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeout = 15_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const tags = (p: Page) => p.locator('gsi-overlay [data-column-tag]').allTextContents();

describe('column map overlay and corrections', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start({ templating: true, routes: { '/': (_req: unknown, res: Parameters<typeof html>[0]) => html(res) } });
    await h.ask({ type: 'round:set', roundId: '2024Q1', monitoringDate: '2024-03-20' });
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('outlines the columns with class, newest date and age, by shortcut and from the popup', async () => {
    const p = await h.visit(HOME);
    await p.keyboard.press('Alt+Shift+L');
    await p.locator('gsi-overlay [data-testid="column-map"]').waitFor({ state: 'attached' });
    await expect.poll(() => tags(p)).toEqual([
      '工作动态 · 2周 · 最新 2024-01-10（70天，超期）',
      '公示公告 · 6个月 · 最新 2023-12-01（110天）',
    ]);
    // The outline covers the block it names.
    const box = await p.locator('gsi-overlay [data-column="工作动态"]').boundingBox();
    const block = await p.locator('.box').first().boundingBox();
    expect(box && block && Math.abs(box.y - block.y) < 40 && box.height > 20).toBe(true);
    // The page's own scripts cannot open the editor (or save) by dispatching clicks into the overlay (host.ts drops them).
    await p.evaluate(() => {
      const tag = document.querySelector('gsi-overlay')?.shadowRoot?.querySelector('[data-column-tag]') as HTMLElement | null;
      tag?.click();
      tag?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(await p.locator('gsi-overlay [data-testid="column-editor"]').count()).toBe(0);
    await p.keyboard.press('Alt+Shift+L');
    await expect.poll(() => p.locator('gsi-overlay [data-testid="column-map"]').count()).toBe(0);

    // From the popup: it asks the active tab to show the map.
    await p.bringToFront();
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.id}/popup.html?url=${encodeURIComponent(HOME)}`);
    await p.bringToFront();
    await popup.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'http://www.lmtest.gov.cn/*' });
      await chrome.tabs.sendMessage(tab!.id!, { type: 'columns:map', show: true }, { frameId: 0 });
    });
    await p.locator('gsi-overlay [data-testid="column-map"]').waitFor({ state: 'attached' });
    await popup.close();
    await p.close();
  });

  it('a rename and an added column survive a reload and a new round', async () => {
    const p = await h.visit(HOME);
    await p.keyboard.press('Alt+Shift+L');
    await p.locator('gsi-overlay [data-column-tag="公示公告"]').click();
    const editor = p.locator('gsi-overlay [data-testid="column-editor"]');
    await editor.locator('[data-field="column-name"]').fill('通知公告');
    await editor.locator('[data-field="column-class"]').selectOption('news');
    await editor.locator('[data-action="save-column"]').click();
    await expect.poll(() => tags(p)).toContain('通知公告 · 2周 · 最新 2023-12-01（110天，超期） · 已人工修正');

    // The missed 便民专区 block: pick it on the page.
    await p.locator('gsi-overlay [data-action="pick-column"]').click();
    await p.locator('#bmfw p').hover();
    await p.locator('#bmfw p').click();
    await editor.waitFor();
    expect(await editor.locator('[data-field="column-name"]').inputValue()).toBe('便民专区');
    await editor.locator('[data-action="save-column"]').click();
    await expect.poll(() => tags(p)).toContain('便民专区 · 1年 · 无日期 · 已人工修正');

    // Findings follow the corrected map: 通知公告 is now a stale 2-week column.
    const stale = await poll(
      () => h.pageFindings(HOME),
      (fs) => fs.some((f) => f.ruleId === 'column-stale' && f.detail.column === '通知公告'),
    );
    expect(stale.some((f) => f.ruleId === 'column-stale' && f.detail.column === '通知公告')).toBe(true);

    // Reload: the corrections are applied again.
    await p.reload();
    // The scanner is injected after the page's load: its keys work once it has scanned.
    await waitForScan(p);
    await p.keyboard.press('Alt+Shift+L');
    await expect.poll(() => tags(p)).toContain('通知公告 · 2周 · 最新 2023-12-01（110天，超期） · 已人工修正');

    // Next round: still applied.
    await h.ask({ type: 'round:set', roundId: '2024Q2', monitoringDate: '2024-06-20' });
    await p.reload();
    // The scanner is injected after the page's load: its keys work once it has scanned.
    await waitForScan(p);
    await p.keyboard.press('Alt+Shift+L');
    await expect.poll(() => tags(p)).toContain('通知公告 · 2周 · 最新 2023-12-01（202天，超期） · 已人工修正');
    await expect.poll(() => tags(p)).toContain('便民专区 · 1年 · 无日期 · 已人工修正');
    await p.close();
  });

  it('lists the corrections in the dashboard, where a change or a removal reaches the page', async () => {
    const dash = await h.context.newPage();
    await dash.goto(`chrome-extension://${h.id}/dashboard.html#columns`);
    const rows = dash.locator('[data-testid="corrections-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const renamed = rows.filter({ hasText: '公示公告' });
    await renamed.locator('select').first().selectOption('notice');
    const added = rows.filter({ hasText: '人工添加' });
    await added.locator('[data-action="delete-correction"]').click();
    await expect.poll(() => rows.count()).toBe(1);
    await dash.close();

    const p = await h.visit(HOME);
    await p.keyboard.press('Alt+Shift+L');
    await expect.poll(() => tags(p)).toEqual([
      '工作动态 · 2周 · 最新 2024-01-10（162天，超期）',
      '通知公告 · 6个月 · 最新 2023-12-01（202天，超期） · 已人工修正',
    ]);
    await p.close();
  });
});
