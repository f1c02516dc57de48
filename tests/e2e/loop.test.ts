import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, DEMO_HOST, waitForScan } from './harness';
import { parseCsv } from '../../utils/sheets/csv';

/**
 * The whole loop on the bundled demo site, in real Chromium with the built extension:
 * marks appear, one confirmed, one dismissed, one manual flag, export parsed back,
 * browser restarted on the same profile and everything still there.
 */
describe('end-to-end loop on the demo site', () => {
  const h = new Harness();
  const home = `http://${DEMO_HOST}/`;
  const article = `http://${DEMO_HOST}/art/typo.html`;
  const noBadge = `http://${DEMO_HOST}/xxgk/nobadge.html`;

  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('marks stale and blank columns on the home page, inline in a shadow root', async () => {
    const page = await h.visit(home);
    const findings = await h.pageFindings(home);
    const rules = findings.map((f) => f.ruleId);
    expect(rules).toContain('column-stale');
    expect(rules).toContain('blank-column');
    const stale = findings.find((f) => f.ruleId === 'column-stale')!;
    expect(stale.message).toContain('通知公告');
    // The 要闻动态 column is fresh (3 days old) and must not be flagged.
    expect(findings.some((f) => f.ruleId === 'column-stale' && f.message.includes('要闻动态'))).toBe(false);
    // Marks are drawn in the overlay's shadow root, with the rule's evidence.
    await expect.poll(() => page.locator('gsi-overlay .gsi-tag').count()).toBeGreaterThan(0);
    const panelText = await page.locator('gsi-overlay .gsi-panel').innerText();
    expect(panelText).toContain('通知公告');
    // Page CSS cannot restyle the overlay.
    await page.addStyleTag({ content: 'div, span, button { display: none !important; color: red !important; }' });
    expect(await page.locator('gsi-overlay .gsi-panel').isVisible()).toBe(true);
    await page.close();
  });

  it('flags the typo in the article and the missing badge on the 信息公开 page', async () => {
    const a = await h.visit(article);
    const found = await h.pageFindings(article);
    const typos = found.filter((f) => f.ruleId === 'typo');
    expect(typos.map((f) => f.quote?.exact)).toEqual(expect.arrayContaining(['按步就班', '再接再励']));
    // A slip in an official name no lexicon lists, inferred from the name gazetteer (sent by the background).
    const name = found.find((f) => f.ruleId === 'official-name');
    expect(name?.quote?.exact).toBe('人民正府办公室');
    expect(name?.message).toContain('应为“人民政府办公室”');
    // The typo mark sits on the typo's own text in the page.
    const tag = a.locator('gsi-overlay .gsi-tag').first();
    await tag.waitFor({ state: 'visible' });
    await a.close();

    const b = await h.visit(noBadge);
    const rules = (await h.pageFindings(noBadge)).map((f) => f.ruleId);
    expect(rules).toContain('conac-badge-missing');
    expect(rules).not.toContain('icp-missing');
    expect(rules).not.toContain('site-code-missing');
    await b.close();
  });

  it('confirms one mark, dismisses another and adds a manual finding from a selection', async () => {
    const page = await h.visit(article);
    const findings = await h.pageFindings(article);
    const toConfirm = findings.find((f) => f.quote?.exact === '按步就班')!;
    const toDismiss = findings.find((f) => f.quote?.exact === '再接再励')!;

    await page.locator(`gsi-overlay .gsi-card[data-finding-id="${toConfirm.id}"] [data-action="confirm"]`).click();
    await page.locator(`gsi-overlay .gsi-card[data-finding-id="${toDismiss.id}"] [data-action="dismiss"]`).click();
    await expect.poll(async () => (await h.pageFindings(article)).find((f) => f.id === toConfirm.id)?.status).toBe('confirmed');
    await expect.poll(async () => (await h.pageFindings(article)).find((f) => f.id === toDismiss.id)?.status).toBe('dismissed');

    // Select a phrase in the article as an inspector would, then flag it.
    await page.evaluate(() => {
      const p = Array.from(document.querySelectorAll('#zoom p')).find((el) => el.textContent!.includes('县委常委'))!;
      const text = p.firstChild!;
      const start = text.textContent!.indexOf('县委常委');
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + '县委常委、常务副县长'.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    await page.locator('gsi-overlay [data-action="flag-selection"]').click();
    const form = page.locator('gsi-overlay [data-testid="flag-form"]');
    await form.locator('textarea[name="message"]').fill('未写明参会领导姓名');
    await form.locator('input[name="note"]').fill('第4段');
    await form.locator('[data-action="save-manual"]').click();
    await expect.poll(async () => (await h.pageFindings(article)).filter((f) => f.source === 'manual').length).toBe(1);
    const manual = (await h.pageFindings(article)).find((f) => f.source === 'manual')!;
    expect(manual.quote?.exact).toBe('县委常委、常务副县长');
    expect(manual.quote?.suffix.startsWith('，县政府有关副县长')).toBe(true);
    expect(manual.note).toBe('第4段');
    expect(manual.status).toBe('confirmed');
    await page.close();
  });

  it('re-scanning never duplicates findings', async () => {
    const before = await h.pageFindings(article);
    const page = await h.visit(article);
    await page.reload();
    await waitForScan(page);
    const after = await h.pageFindings(article);
    expect(after.length).toBe(before.length);
    expect(new Set(after.map((f) => f.fingerprint)).size).toBe(after.length);
    await page.close();
  });

  it('exports the quarter sheets as Excel-ready CSV from the popup, parsed back cell by cell', async () => {
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.id}/popup.html?url=${encodeURIComponent(article)}`);
    await expect.poll(() => popup.getByTestId('site-name').innerText()).toContain('示范县人民政府');
    // The site view: 单项否决 counts for freshness, and the columns seen with their verdicts.
    // Each column in one count, named under it.
    expect(await popup.getByTestId('count-row-blank').innerText()).toMatch(/空白栏目[\s\S]*1 \/ 5/);
    expect(await popup.getByTestId('count-row-staleShort').innerText()).toMatch(/6个月未更新\s+通知公告\s+1 \/ 5/);
    expect(await popup.getByTestId('count-row-staleLong').innerText()).toMatch(/0 \/ 10/);
    const columns = await popup.getByTestId('columns').innerText();
    expect(columns).toMatch(/通知公告\s+\d{4}-\d{2}-\d{2}\s+\d+\s+未按时更新/);
    expect(columns).toMatch(/要闻动态\s+\d{4}-\d{2}-\d{2}\s+\d+\s+正常/);
    const downloads: { name: string; bytes: Buffer }[] = [];
    popup.on('download', async (d) => {
      const path = await d.path();
      downloads.push({ name: d.suggestedFilename(), bytes: readFileSync(path!) });
    });
    await popup.locator('[data-action="export"]').click();
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const siteSheet = downloads.find((d) => d.name.includes('网站检查结果'))!;
    const detail = downloads.find((d) => d.name.includes('问题明细'))!;
    for (const file of [siteSheet, detail]) {
      expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
      expect(file.bytes.toString('utf8')).toContain('\r\n');
    }
    const site = parseCsv(siteSheet.bytes.toString('utf8'));
    expect(site[0]).toEqual(['序号', '县(市)、部门', '网站名称', '网址', '网站标识码', '检查结果', '存在问题', '整改情况']);
    const row = site.find((r) => r[2] === '示范县人民政府')!;
    expect(row[0]).toBe('1');
    expect(row[3]).toContain(DEMO_HOST);
    expect(row[6]).toContain('未写明参会领导姓名');
    expect(row[6]).not.toContain('再接再励'); // dismissed findings are not handed in

    const rows = parseCsv(detail.bytes.toString('utf8'));
    expect(rows[0]).toEqual(['序号', '网站名称', '网址', '页面标题', '页面地址', '问题类别', '指标性质', '存在问题', '原文摘录', '发现时间', '检查人', '状态', '整改情况']);
    const manualRow = rows.find((r) => r[7] === '未写明参会领导姓名')!;
    expect(manualRow[1]).toBe('示范县人民政府');
    expect(manualRow[3]).toContain('县长主持召开全县安全生产工作会议');
    expect(manualRow[4]).toContain('/art/typo.html');
    expect(manualRow[6]).toBe('扣分');
    expect(manualRow[8]).toBe('县委常委、常务副县长');
    expect(manualRow[9]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(manualRow[11]).toBe('已确认');
    const typoRow = rows.find((r) => r[8] === '按步就班')!;
    expect(typoRow[11]).toBe('已确认');
    expect(rows.some((r) => r[8] === '再接再励')).toBe(false);
    await popup.close();
  });

  it('keeps everything across a browser restart, and a dismissed false alarm stays away', async () => {
    const before = await h.pageFindings(article);
    await h.restart();
    const after = await h.pageFindings(article);
    expect(after.map((f) => [f.id, f.status]).sort()).toEqual(before.map((f) => [f.id, f.status]).sort());
    const page = await h.visit(article);
    const visibleCards = await page.locator('gsi-overlay .gsi-card[data-status="dismissed"]').count();
    const dismissed = (await h.pageFindings(article)).filter((f) => f.status === 'dismissed');
    expect(dismissed.length).toBe(1);
    // Dismissed cards live only in the collapsed 已排除 list, not among the marks.
    expect(visibleCards).toBe(1);
    expect(await page.locator(`gsi-overlay .gsi-tag[data-mark-id="${dismissed[0].id}"]`).count()).toBe(0);
    await page.close();
  });
});
