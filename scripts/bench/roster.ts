/**
 * Roster import at scale: `npx tsx scripts/bench/roster.ts [rows…]` (default 10000 100000).
 * Parses a generated UTF-8 roster CSV and applies it to an IndexedDB (fake-indexeddb in Node,
 * which is slower than Chromium's) that already holds a few visited sites to relink. Prints
 * the parse and apply times per size; linear import shows ~10× time for 10× rows.
 */
import 'fake-indexeddb/auto';
import { InspectorDB } from '../../utils/db/db';
import * as repo from '../../utils/db/repo';
import { applyRoster } from '../../utils/db/workspace';
import { importRosterText } from '../../utils/roster/import';

function rosterCsv(rows: number): string {
  const lines = ['序号,县(市)、部门,网站名称,网址,网站标识码,主办单位'];
  for (let i = 0; i < rows; i++) {
    const code = String(4100000000 + i).padStart(10, '0');
    // Every 97th site also lists an old host, which the visited pages below were seen on.
    const urls = i % 97 === 0 ? `http://www.s${i}.gov.cn/ http://old.s${i}.gov.cn/` : `http://www.s${i}.gov.cn/`;
    lines.push(`${i + 1},示范县,示范单位${i}网站,"${urls}",${code},示范单位${i}`);
  }
  return lines.join('\r\n');
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const rows of sizes.length ? sizes : [10_000, 100_000]) {
  const db = new InspectorDB(`bench-roster-${rows}`);
  const now = Date.UTC(2025, 2, 20);
  await repo.getSettings(db, now);
  // Sites visited before the roster existed: their pages and findings move to the roster site.
  for (let i = 0; i < 20; i++) {
    await repo.saveScan(db, { url: `http://old.s${i * 97}.gov.cn/art/${i}.html`, title: `页面${i}`, pageType: 'article', findings: [], columns: [], latestDate: null, errors: [], ms: 1 }, now);
  }
  const text = rosterCsv(rows);
  let t = performance.now();
  const parsed = importRosterText(text, { now });
  const parseMs = performance.now() - t;
  if (parsed.errors.length) throw new Error(parsed.errors[0]!.message);
  let reports = 0;
  t = performance.now();
  const result = await applyRoster(db, parsed.sites, now, () => reports++);
  const applyMs = performance.now() - t;
  const stored = await db.sites.count();
  console.log(
    JSON.stringify({ rows, parseMs: Math.round(parseMs), applyMs: Math.round(applyMs), totalS: +((parseMs + applyMs) / 1000).toFixed(2), added: result.added, updated: result.updated, relinkedPages: result.relinkedPages, stored, progressReports: reports }),
  );
  await db.delete();
}
