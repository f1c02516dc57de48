import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePage } from './dom';
import type { Row } from './types';
import { scanDocument } from '../../utils/scan/scan';
import { PageModel } from '../../utils/scan/page';
import { articleDateOf } from '../../utils/scan/article-date';
import { DEFAULT_THRESHOLDS, type ScanContext } from '../../utils/scan/types';
import { corpusUrl } from '../../utils/scan/testing';

/**
 * Freshness section: column detection (newest date per column), home-stale,
 * column-stale and blank-column against tests/fixtures/corpus/truth.json.
 * Real corpus pages and synthetic fixtures are reported separately.
 */

const ROOT = join(import.meta.dirname, '..', '..', 'tests', 'fixtures');

interface TruthColumn {
  name: string;
  newest: string | null;
  blank: boolean;
  ignore?: boolean;
}
interface TruthCheck {
  monitoring_date: string;
  home_stale: boolean | 'review';
  stale: string[];
  blank: string[];
  url_date_mismatch?: boolean;
  future_date?: boolean;
  burst?: string[];
}
interface TruthPage {
  file: string;
  url?: string;
  page_type: string;
  columns?: TruthColumn[];
  article_date?: string | null;
  checks: TruthCheck[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const round = (x: number) => Math.round(x * 1000) / 1000;

function compareSets(pred: Set<string>, truth: Set<string>, c: Counts): void {
  for (const p of pred) (truth.has(p) ? c.tp++ : c.fp++);
  for (const t of truth) if (!pred.has(t)) c.fn++;
}

async function evalPages(pages: TruthPage[], dir: 'corpus' | 'pages', label: string): Promise<Row[]> {
  const newest = zero();
  const home = zero();
  const stale = zero();
  const blank = zero();
  const hints = { fp: 0, tp: 0, fn: 0 };
  let articleOk = 0;
  let articleTotal = 0;
  let homeReviews = 0;
  let homeReviewExpected = 0;
  let reviewBlank = 0;
  let ms = 0;
  const misses: string[] = [];

  for (const t of pages) {
    const url = t.url ?? corpusUrl(t.file);
    const html = readFileSync(join(ROOT, dir, t.file), 'utf8');
    for (const check of t.checks) {
      const ctx: ScanContext = { monitoringDate: check.monitoring_date, thresholds: DEFAULT_THRESHOLDS };
      const { doc, close } = parsePage(html, url);
      const result = await scanDocument(doc, url, ctx);
      ms += result.ms;
      const cols = result.columns;

      // Column newest dates: dated truth columns vs detected dated columns, by name.
      if (check === t.checks[0]) {
        const truthDated = new Map((t.columns ?? []).filter((c) => c.newest).map((c) => [c.name, c.newest!]));
        for (const c of cols.filter((c) => c.newest)) {
          if (truthDated.get(c.name) === c.newest) newest.tp++;
          else {
            newest.fp++;
            misses.push(`${t.file}: detected ${c.name} ${c.newest}`);
          }
        }
        for (const [name, date] of truthDated) {
          if (!cols.some((c) => c.name === name && c.newest === date)) {
            newest.fn++;
            misses.push(`${t.file}: missed ${name} ${date}`);
          }
        }
        if (t.page_type === 'article') {
          articleTotal++;
          const d = articleDateOf(new PageModel(doc, url), ctx.monitoringDate)?.date ?? null;
          if (d === (t.article_date ?? null)) articleOk++;
          else misses.push(`${t.file}: article date ${d} ≠ ${t.article_date}`);
        }
      }

      const fired = (id: string) => result.findings.filter((f) => f.ruleId === id && !f.review);
      const reviewed = (id: string) => result.findings.filter((f) => f.ruleId === id && f.review);

      // home-stale: a veto is a positive; 待核实 is counted on its own.
      const vetoed = fired('home-stale').length > 0;
      if (check.home_stale === 'review') {
        homeReviewExpected++;
        if (reviewed('home-stale').length) homeReviews++;
        if (vetoed) home.fp++;
      } else if (vetoed && check.home_stale) home.tp++;
      else if (vetoed) home.fp++;
      else if (check.home_stale) home.fn++;

      const ignored = new Set((t.columns ?? []).filter((c) => c.ignore).map((c) => c.name));
      const staleNames = new Set(fired('column-stale').map((f) => String(f.detail.column)).filter((n) => !ignored.has(n)));
      compareSets(staleNames, new Set(check.stale), stale);
      compareSets(new Set(fired('blank-column').map((f) => String(f.detail.column))), new Set(check.blank), blank);
      reviewBlank += reviewed('blank-column').length;

      for (const id of ['url-date-mismatch', 'future-date', 'burst-update']) {
        const n = fired(id).length;
        const expected = id === 'burst-update' ? (check.burst ?? []).length : (id === 'url-date-mismatch' ? check.url_date_mismatch : check.future_date) ? 1 : 0;
        hints.tp += Math.min(n, expected);
        hints.fp += Math.max(0, n - expected);
        hints.fn += Math.max(0, expected - n);
      }
      await close();
    }
  }

  const p = (c: Counts) => round(ratio(c.tp, c.tp + c.fp));
  const r = (c: Counts) => round(ratio(c.tp, c.tp + c.fn));
  const rows: Row[] = [
    { metric: `${label}: column newest-date precision (${newest.tp}/${newest.tp + newest.fp})`, value: p(newest), target: '≥ 0.95', pass: p(newest) >= 0.95 },
    { metric: `${label}: column newest-date recall (${newest.tp}/${newest.tp + newest.fn})`, value: r(newest), target: '≥ 0.9', pass: r(newest) >= 0.9 },
    { metric: `${label}: home-stale precision (${home.tp}/${home.tp + home.fp})`, value: p(home) },
    { metric: `${label}: home-stale recall (${home.tp}/${home.tp + home.fn})`, value: r(home) },
    { metric: `${label}: column-stale precision (${stale.tp}/${stale.tp + stale.fp})`, value: p(stale) },
    { metric: `${label}: column-stale recall (${stale.tp}/${stale.tp + stale.fn})`, value: r(stale) },
    { metric: `${label}: blank-column precision (${blank.tp}/${blank.tp + blank.fp})`, value: p(blank) },
    { metric: `${label}: blank-column recall (${blank.tp}/${blank.tp + blank.fn})`, value: r(blank) },
    { metric: `${label}: hint rules (future-date, url-date-mismatch, burst-update) tp/fp/fn`, value: `${hints.tp}/${hints.fp}/${hints.fn}` },
    { metric: `${label}: blank-column 待核实 (not counted)`, value: reviewBlank },
    { metric: `${label}: scan ms total (happy-dom, all rules)`, value: Math.round(ms) },
  ];
  if (homeReviewExpected) rows.splice(4, 0, { metric: `${label}: home-stale 待核实 where expected`, value: `${homeReviews}/${homeReviewExpected}` });
  if (articleTotal) rows.push({ metric: `${label}: article 发布时间 exact`, value: `${articleOk}/${articleTotal}`, pass: articleOk === articleTotal });
  for (const m of misses) rows.push({ metric: `${label}: miss`, value: m });
  return rows;
}

export async function evalFreshness(): Promise<Row[]> {
  const truth = JSON.parse(readFileSync(join(ROOT, 'corpus', 'truth.json'), 'utf8')) as { pages: TruthPage[]; synthetic: TruthPage[] };
  return [...(await evalPages(truth.pages, 'corpus', 'corpus')), ...(await evalPages(truth.synthetic, 'pages', 'synthetic'))];
}
