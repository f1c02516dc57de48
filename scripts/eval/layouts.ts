import { parsePage } from './dom';
import type { Row } from './types';
import { FAMILIES, generatePage } from '../../tests/layouts/generator';
import { compareColumns } from '../../tests/layouts/measure';
import { PageModel } from '../../utils/scan/page';
import { columnsOf } from '../../utils/scan/columns';
import { DEFAULT_THRESHOLDS } from '../../utils/scan/types';

/**
 * Generated-families section: column detection on pages from tests/layouts/generator.ts, per
 * family the share of generated columns found with their newest date, blankness and year
 * certainty, and the columns reported that are not on the page. Seeds are fixed so the figures
 * are reproducible; `LAYOUT_PAGES` and `LAYOUT_SEED` change how many pages and which.
 */
export async function evalLayouts(): Promise<Row[]> {
  const pages = Number(process.env.LAYOUT_PAGES ?? 60);
  const from = Number(process.env.LAYOUT_SEED ?? 1);
  const rows: Row[] = [];
  let allFound = 0;
  let allTotal = 0;
  const misses: string[] = [];
  for (const family of FAMILIES) {
    let found = 0;
    let total = 0;
    let extra = 0;
    for (let seed = from; seed < from + pages; seed++) {
      const g = generatePage(family, seed);
      const { doc, close } = parsePage(g.html, g.url);
      const cols = columnsOf(new PageModel(doc, g.url), { monitoringDate: g.monitoringDate, thresholds: DEFAULT_THRESHOLDS });
      const c = compareColumns(g.columns, cols);
      found += c.found;
      total += c.total;
      extra += c.extra.length;
      for (const m of c.misses) if (misses.length < 20) misses.push(`${family} #${seed}: ${m}`);
      for (const e of c.extra) if (misses.length < 20) misses.push(`${family} #${seed}: extra column ${e}`);
      await close();
    }
    allFound += found;
    allTotal += total;
    const share = Math.round((found / total) * 1000) / 1000;
    rows.push({ metric: `${family}: columns found (${found}/${total}), extra columns ${extra}`, value: share, target: '≥ 0.95', pass: share >= 0.95 });
  }
  rows.push({ metric: `all families: columns found (${allFound}/${allTotal}), ${pages} pages per family from seed ${from}`, value: Math.round((allFound / allTotal) * 1000) / 1000 });
  for (const m of misses) rows.push({ metric: 'miss', value: m });
  return rows;
}
