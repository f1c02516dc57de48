import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, DEMO_HOST } from './harness';
import { FOOTER } from '../fixtures/hostile/pages';
import { parseCsv } from '../../utils/sheets/csv';
import { parseBackup, serializeBackup, emptyBackupData } from '../../utils/backup/backup';
import type { Finding } from '../../utils/db/types';

/**
 * Issue 10: page text, titles, URLs and quotes reach the overlay, the popup, the side panel,
 * the sheets and the backup only as text. Every payload would set window.__pwned if it ran.
 */

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '"><script>window.__pwned=2</script>';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const TITLE = `按步就班${IMG}${SCRIPT}_示范县人民政府`;
const PARA = `各单位要按步就班${IMG}推进${SCRIPT}各项工作，确保取得实效。`;
const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(TITLE)}</title></head><body>
<h1>${esc(TITLE)}</h1><div class="art-info">发布时间：2025-03-01</div>
<div id="zoom" class="TRS_Editor"><p>${esc(PARA)}</p>${'<p>为进一步规范全县政务服务事项办理流程，县政务服务中心对窗口设置进行了优化调整，现将有关事项公告如下。</p>'.repeat(4)}</div>
<div class="list"><h3>${esc(IMG)}通知公告</h3><ul><li><a href="/inj/a.html?x=${encodeURIComponent(SCRIPT)}">${esc(SCRIPT)}</a><span>2025-03-01</span></li></ul></div>
${FOOTER}</body></html>`;

const PATH = `/inj/page.html?q=${encodeURIComponent(SCRIPT + IMG)}`;
const URL_ = `http://${DEMO_HOST}${PATH}`;
const MANUAL = `=HYPERLINK("http://evil.example","点我")${IMG}`;
const NOTE = ` @SUM(1+1)${SCRIPT}`;

describe('no injection from page content', () => {
  const h = new Harness();
  let page: Page;
  let findings: Finding[];

  beforeAll(async () => {
    await h.start({
      templating: true,
      routes: {
        '/inj/page.html': (_req: unknown, res: { writeHead: (s: number, h: Record<string, string>) => void; end: (b: string) => void }) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(HTML);
        },
      },
    });
  });
  afterAll(async () => {
    await h.dispose();
  });

  /** No element made from a payload, and nothing ran. */
  const inert = async (p: Page) => {
    expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Playwright's CSS engine pierces open shadow roots, so the overlay is included.
    expect(await p.locator('img[src="x"], script:has-text("__pwned"), [onerror]').count()).toBe(0);
  };

  it('the page text is quoted verbatim in the stored findings', async () => {
    page = await h.visit(URL_);
    // The inspector flags a payload too: message and note typed from page text.
    await page.locator('gsi-overlay [data-action="add-manual"]').click();
    const form = page.locator('gsi-overlay [data-testid="flag-form"]');
    await form.locator('textarea[name="message"]').fill(MANUAL);
    await form.locator('input[name="note"]').fill(NOTE);
    await form.locator('[data-action="save-manual"]').click();
    await expect.poll(async () => (await h.pageFindings(URL_)).filter((f) => f.source === 'manual').length).toBe(1);
    findings = await h.pageFindings(URL_);
    await inert(page);

    const typo = findings.find((f) => f.ruleId === 'typo' && f.quote?.exact === '按步就班');
    expect(typo).toBeTruthy();
    expect(findings[0]!.pageTitle).toBe(TITLE);
    expect(findings.some((f) => (f.quote?.suffix ?? '').includes('<img src=x'))).toBe(true);
    expect(findings.find((f) => f.source === 'manual')!.message).toBe(MANUAL);
  });

  it('the overlay shows the payloads as text', async () => {
    await page.reload();
    await page.locator('gsi-overlay .gsi-panel[data-state="done"]').waitFor();
    await inert(page);
    const text = await page.locator('gsi-overlay .gsi-panel').innerText();
    expect(text).toContain(MANUAL);
    expect(await page.locator('gsi-overlay .gsi-tag').count()).toBeGreaterThan(0);
  });

  it('the side panel and the popup show them as text', async () => {
    await page.bringToFront();
    const tabId = await h.bg.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, URL_.split('?')[0] + '*');
    expect(tabId).toBeTypeOf('number');
    const panel = await h.context.newPage();
    await panel.goto(`chrome-extension://${h.id}/sidepanel.html?tabId=${tabId}`);
    await panel.locator('[data-finding-id]').first().waitFor();
    await inert(panel);
    expect(await panel.locator('body').innerText()).toContain(MANUAL);
    await panel.close();

    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.id}/popup.html`);
    await popup.locator('[data-testid="site-name"]').waitFor();
    await inert(popup);
    await popup.close();
    await inert(page);
  });

  it('the exported sheets hold the raw text, with formula cells neutralised', async () => {
    const { files } = await h.ask<{ files: { name: string; content: string }[] }>({ type: 'export:sheets', includeOpen: true });
    expect(files.length).toBeGreaterThan(0);
    const cells = files.flatMap((f) => parseCsv(f.content).flat());
    // Text that is not formula-like comes back exactly; formula-like text is prefixed with an apostrophe only.
    expect(cells).toContain(TITLE);
    expect(cells.some((c) => c.includes(MANUAL))).toBe(true);
    expect(cells).not.toContain(MANUAL);
    expect(cells).toContain(`'${MANUAL}`);
    for (const c of cells) expect(/^\s*[=+\-@]/.test(c) || /^[\t\r]/.test(c)).toBe(false);
  });

  it('the backup keeps the payloads as text, byte for byte', () => {
    const data = { ...emptyBackupData(), findings };
    const back = parseBackup(serializeBackup(data));
    expect(back.findings.map((f) => [f.pageTitle, f.message, f.note, f.quote])).toEqual(findings.map((f) => [f.pageTitle, f.message, f.note, f.quote]));
    expect(back.findings.find((f) => f.source === 'manual')!.note).toBe(NOTE.trim());
  });
});
