import { parsePage } from './dom';
/**
 * Measures the page-identity, tampering and interaction rules on real pages.
 *
 * - Identity rules on the corpus against manifest.json (has_conac_badge, site_code, icp,
 *   police_record) plus the identity-* fixtures: precision and recall of "missing" marks.
 *   The manifest counts a badge that only the dcs.conac.cn script would inject as false;
 *   the rule counts that loader as a badge (saved pages never run it), so such pages are
 *   treated as "badge present" here, read from the manifest notes.
 * - Tampering and interaction rules on their fixtures (tamper-*, interact-*) and the
 *   promise that they never fire on the corpus.
 *
 * Pages are loaded with happy-dom's Window (no scripts, no CSS files, no iframes fetched).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PageModel } from '../../utils/scan/page';
import { identityOf } from '../../utils/scan/identity';
import { RULES_BY_ID } from '../../utils/scan/rules/index';
import { DEFAULT_THRESHOLDS, type ScanContext } from '../../utils/scan/types';
import { corpusManifest, corpusUrl, type CorpusEntry } from '../../utils/scan/testing';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'fixtures');
const MONITORING_DATE = '2025-06-30';

export interface EvalRow {
  metric: string;
  value: number | string;
  target?: number | string;
  pass?: boolean;
}

async function withPage<T>(html: string, url: string, fn: (page: PageModel) => T): Promise<T> {
  const { doc, close } = parsePage(html, url);
  try {
    return fn(new PageModel(doc, url));
  } finally {
    await close();
  }
}

function ctxFor(roster?: string | null): ScanContext {
  return { monitoringDate: MONITORING_DATE, thresholds: DEFAULT_THRESHOLDS, rosterSiteCode: roster ?? null };
}

function fires(page: PageModel, ruleId: string, ctx: ScanContext, countReview = false): boolean {
  const rule = RULES_BY_ID[ruleId];
  if (!rule) throw new Error(`rule not registered: ${ruleId}`);
  return rule.check(page, ctx).some((c) => countReview || !c.review);
}

interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function rowsFor(name: string, c: Confusion): EvalRow[] {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return [
    { metric: `${name} precision`, value: round(precision), target: 1, pass: precision >= 1 },
    { metric: `${name} recall`, value: round(recall), target: 1, pass: recall >= 1 },
    { metric: `${name} tp/fp/fn/tn`, value: `${c.tp}/${c.fp}/${c.fn}/${c.tn}` },
  ];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function tally(c: Confusion, truth: boolean, predicted: boolean): void {
  if (truth && predicted) c.tp++;
  else if (!truth && predicted) c.fp++;
  else if (truth && !predicted) c.fn++;
  else c.tn++;
}

const IDENTITY_RULES = {
  'conac-badge-missing': (e: CorpusEntry) => !e.has_conac_badge && !/document\.write|dcs\.conac\.cn/.test(e.notes),
  'site-code-missing': (e: CorpusEntry) => !e.site_code,
  'icp-missing': (e: CorpusEntry) => !e.icp,
  'police-record-missing': (e: CorpusEntry) => !e.police_record,
} as const;

/** Labelled identity fixtures: which items are missing (true = the rule must fire). */
const IDENTITY_FIXTURES: Record<string, Record<keyof typeof IDENTITY_RULES, boolean>> = {
  'identity-missing-all.html': { 'conac-badge-missing': true, 'site-code-missing': true, 'icp-missing': true, 'police-record-missing': true },
  'identity-script-badge-only.html': { 'conac-badge-missing': false, 'site-code-missing': false, 'icp-missing': false, 'police-record-missing': false },
  'identity-malformed-code.html': { 'conac-badge-missing': false, 'site-code-missing': true, 'icp-missing': false, 'police-record-missing': false },
};

/** Tamper / interaction fixtures and the rules that must fire on them (all others must not). */
const LABELLED_FIXTURES: Record<string, { url: string; fire: string[] }> = {
  'tamper-hidden-offscreen.html': { url: 'https://www.example.gov.cn/', fire: ['hidden-links'] },
  'tamper-after-html.html': { url: 'https://www.example.gov.cn/zcwj/202502/t20250210_1.html', fire: ['hidden-links'] },
  'tamper-stealth-nonspam.html': { url: 'https://www.example.gov.cn/', fire: ['hidden-links'] },
  'tamper-title-spam.html': { url: 'https://www.example.gov.cn/', fire: ['title-hijack'] },
  'tamper-clean-lottery.html': { url: 'https://www.example.gov.cn/', fire: [] },
  'interact-jiedu-unlinked.html': { url: 'https://www.example.gov.cn/zcjd/202502/t20250212_90.html', fire: ['interpretation-unlinked'] },
  'interact-jiedu-linked.html': { url: 'https://www.example.gov.cn/zcjd/202502/t20250212_90.html', fire: [] },
  'interact-zhengji-closed.html': { url: 'https://www.example.gov.cn/yjzj/202411/t20241101_5.html', fire: ['consultation-no-feedback'] },
  'interact-zhengji-feedback.html': { url: 'https://www.example.gov.cn/yjzj/202411/t20241101_5.html', fire: [] },
  'interact-letters-list.html': { url: 'https://www.example.gov.cn/hdjl/qzxx/index.html', fire: ['reply-overdue'] },
  'interact-letter-ok.html': { url: 'https://www.example.gov.cn/hdjl/202505/t20250520_3.html', fire: [] },
};

const TAMPER_RULES = ['hidden-links', 'title-hijack'];
const INTERACT_RULES = ['interpretation-unlinked', 'consultation-no-feedback', 'reply-overdue'];

export async function evalIdentity(): Promise<{ section: string; rows: EvalRow[] }> {
  const manifest = corpusManifest();
  const rows: EvalRow[] = [];

  // Identity rules: corpus against the manifest, then the labelled fixtures.
  const corpusConf = Object.fromEntries(Object.keys(IDENTITY_RULES).map((k) => [k, { tp: 0, fp: 0, fn: 0, tn: 0 }])) as Record<string, Confusion>;
  const allConf = Object.fromEntries(Object.keys(IDENTITY_RULES).map((k) => [k, { tp: 0, fp: 0, fn: 0, tn: 0 }])) as Record<string, Confusion>;
  let mismatchFalse = 0;
  let cmseOk = true;
  let tamperOnCorpus = 0;
  let interactOnCorpus = 0;
  const identityMs: number[] = [];
  for (const e of manifest) {
    const url = corpusUrl(e.file);
    await withPage(readFileSync(join(ROOT, 'corpus', e.file), 'utf8'), url, (page) => {
      const t0 = performance.now();
      identityOf(page);
      identityMs.push(performance.now() - t0);
      for (const [id, truthOf] of Object.entries(IDENTITY_RULES)) {
        const predicted = fires(page, id, ctxFor(e.site_code));
        tally(corpusConf[id], truthOf(e), predicted);
        tally(allConf[id], truthOf(e), predicted);
        if (e.file.startsWith('004-') && id !== 'icp-missing' && !predicted) cmseOk = false;
      }
      // With the manifest's own code as roster, a mismatch would be a false alarm.
      if (e.site_code && fires(page, 'site-code-mismatch', ctxFor(e.site_code), true)) mismatchFalse++;
      for (const id of TAMPER_RULES) if (fires(page, id, ctxFor(), true)) tamperOnCorpus++;
      for (const id of INTERACT_RULES) if (fires(page, id, ctxFor(), true)) interactOnCorpus++;
    });
  }
  for (const [file, truth] of Object.entries(IDENTITY_FIXTURES)) {
    await withPage(readFileSync(join(ROOT, 'pages', file), 'utf8'), 'https://www.example.gov.cn/xw/202503/t20250301_1.html', (page) => {
      for (const id of Object.keys(IDENTITY_RULES) as (keyof typeof IDENTITY_RULES)[]) {
        tally(allConf[id], truth[id], fires(page, id, ctxFor()));
      }
    });
  }
  rows.push({ metric: 'corpus pages', value: manifest.length });
  for (const id of Object.keys(IDENTITY_RULES)) rows.push(...rowsFor(`${id} (corpus)`, corpusConf[id]));
  for (const id of Object.keys(IDENTITY_RULES)) rows.push(...rowsFor(`${id} (corpus+fixtures)`, allConf[id]).slice(0, 2));
  rows.push({ metric: '004-cmse flagged for badge, site code, police record', value: String(cmseOk), target: 'true', pass: cmseOk });
  rows.push({ metric: 'site-code-mismatch false alarms with roster = manifest code', value: mismatchFalse, target: 0, pass: mismatchFalse === 0 });
  identityMs.sort((a, b) => a - b);
  rows.push({ metric: 'identity parse ms (happy-dom, median / max)', value: `${round(identityMs[Math.floor(identityMs.length / 2)])} / ${round(identityMs[identityMs.length - 1])}` });

  // Tampering and interaction rules on their fixtures.
  const conf: Record<string, Confusion> = Object.fromEntries([...TAMPER_RULES, ...INTERACT_RULES].map((k) => [k, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
  for (const [file, spec] of Object.entries(LABELLED_FIXTURES)) {
    await withPage(readFileSync(join(ROOT, 'pages', file), 'utf8'), spec.url, (page) => {
      for (const id of Object.keys(conf)) tally(conf[id], spec.fire.includes(id), fires(page, id, ctxFor()));
    });
  }
  for (const id of Object.keys(conf)) rows.push(...rowsFor(`${id} (fixtures)`, conf[id]).slice(0, 2));
  rows.push({ metric: 'tampering findings on corpus pages (incl. 待核实)', value: tamperOnCorpus, target: 0, pass: tamperOnCorpus === 0 });
  rows.push({ metric: 'interaction findings on corpus pages (incl. 待核实)', value: interactOnCorpus, target: 0, pass: interactOnCorpus === 0 });

  return { section: '页面标识 / 篡改 / 互动 (identity, tampering, interaction)', rows };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  evalIdentity().then((r) => {
    console.log(`## ${r.section}`);
    for (const row of r.rows) {
      const mark = row.pass === undefined ? '' : row.pass ? ' ✓' : ' ✗';
      console.log(`${row.metric}: ${row.value}${row.target !== undefined ? ` (target ${row.target})` : ''}${mark}`);
    }
  });
}
