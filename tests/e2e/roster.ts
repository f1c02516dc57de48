import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Harness } from './harness';

/** A roster CSV (名单) in the layout 通报 attachments use, one site per row. */
export function rosterCsv(rows: [string, string][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gsi-mon-'));
  const file = join(dir, 'roster.csv');
  const lines = ['序号,县（市）、部门,网站名称,网址,网站标识码,主办单位', ...rows.map(([name, url], i) => `${i + 1},示范县,${name},${url},41019900${String(i + 10).padStart(2, '0')},${name}`)];
  writeFileSync(file, lines.join('\r\n'), 'utf8');
  return file;
}

/** Import it from the dashboard's 网站名单 tab; returns the dashboard page. */
export async function importRoster(h: Harness, file: string): Promise<Page> {
  const dash = await h.context.newPage();
  await dash.goto(`chrome-extension://${h.id}/dashboard.html#roster`);
  await dash.getByTestId('roster-file').setInputFiles(file);
  await dash.locator('[data-action="roster-import"]').click();
  await dash.getByTestId('roster-result').filter({ hasText: '已导入' }).waitFor({ timeout: 15_000 });
  return dash;
}
