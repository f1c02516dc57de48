// In-page figures, plain headless Chromium (no extension: the bench injects the scanner itself so
// that scan, axe-core and Readability run in the same page, interleaved, on the same DOM).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch } from '../lib/browser.mjs';
import { startServer, chinaDate } from '../lib/server.mjs';
import { axeSource, readabilitySource, scannerBundle, matcherBundle, ROOT } from './bundles.mjs';
import { compareRound, matcherRun, pageStats, scanSlices } from './inpage.mjs';
import { syntheticPortal } from './synthetic.mjs';
import { median } from './stats.mjs';

export const CORPUS = resolve(ROOT, 'tests/fixtures/corpus');
const SYNTH_HOST = 'www.mmx.gov.cn';

/** Corpus pages served at their own address (so URL-based rules see a real gov.cn URL). */
export function corpusTargets() {
  const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8'));
  return manifest.map((m, i) => {
    let url = `http://page${i + 1}.saved.gov.cn/${m.file}`;
    if (m.original_url) {
      try {
        const u = new URL(m.original_url);
        url = `http://${u.host}${u.pathname}`;
      } catch {
        /* keep the synthetic address */
      }
    }
    return { file: m.file, path: join(CORPUS, m.file), url };
  });
}

/**
 * @param {{ reps: number, pageBudgetMs: number, log: (s: string) => void }} opts
 */
export async function runPeers({ reps, pageBudgetMs, log }) {
  const targets = corpusTargets();
  const files = new Map(targets.map((t) => [new URL(t.url).host + new URL(t.url).pathname, t.path]));
  const synth = syntheticPortal();
  const server = await startServer({
    root: CORPUS,
    files,
    routes: {
      '/__bench/synthetic.html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(synth.html);
      },
    },
  });
  const [scanner, text, axe, readability] = await Promise.all([scannerBundle(), matcherBundle(), axeSource(), readabilitySource()]);
  // Every host name resolves to our server (launch's host-resolver rule): no traffic leaves 127.0.0.1.
  const { context, close } = await launch({ port: server.port, extension: false });
  const ctx = { monitoringDate: chinaDate(0), rosterSiteCode: null };
  const pages = [];
  let corpusText = '';
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    for (const t of targets) {
      const started = Date.now();
      await page.goto(t.url, { waitUntil: 'load', timeout: 30_000 });
      await page.addScriptTag({ content: scanner });
      await page.addScriptTag({ content: axe });
      await page.addScriptTag({ content: readability });
      const stats = await page.evaluate(pageStats);
      corpusText += stats.innerText + '\n';
      const cold = await page.evaluate(scanSlices, { url: t.url, ctx });
      const rounds = [];
      const keys = ['scan', 'axe', 'readability', 'floor'];
      for (let r = 0; r < reps && (r < 2 || Date.now() - started < pageBudgetMs); r++) {
        const order = keys.map((_, i) => keys[(i + r) % keys.length]); // rotate who goes first
        rounds.push(await page.evaluate(compareRound, { url: t.url, ctx, order, withAxe: true }));
      }
      const warm = await page.evaluate(scanSlices, { url: t.url, ctx });
      const m = (k) => median(rounds.map((x) => x[k]));
      const row = {
        file: t.file,
        elements: stats.elements,
        rounds: rounds.length,
        scanMs: m('scan'),
        axeMs: m('axe'),
        readabilityMs: m('readability'),
        floorMs: m('floor'),
        coldScanMs: cold.slices.reduce((a, x) => a + x.ms, 0), // compute only, the setTimeout gaps excluded
        longestTaskMs: Math.max(cold.maxSliceMs, cold.longtaskMs, warm.maxSliceMs, warm.longtaskMs),
        longestStep: [...cold.slices].sort((a, b) => b.ms - a.ms)[0],
        findings: cold.findings,
        errors: cold.errors,
      };
      row.scanVsAxe = row.scanMs / row.axeMs;
      row.scanVsReadability = row.scanMs / row.readabilityMs;
      row.scanVsFloor = row.scanMs / row.floorMs;
      pages.push(row);
      log(
        `  ${t.file.padEnd(38)} ${String(stats.elements).padStart(6)} el  scan ${row.scanMs.toFixed(1)} ms (cold ${row.coldScanMs.toFixed(1)})` +
          `  axe ${row.axeMs.toFixed(0)}  readability ${row.readabilityMs.toFixed(1)}  floor ${row.floorMs.toFixed(2)}  longest task ${row.longestTaskMs.toFixed(1)} ms [${row.longestStep.step}]` +
          (cold.errors.length ? `  规则出错 ${cold.errors.map((e) => e.ruleId).join(',')}` : ''),
      );
    }

    // The synthetic 5 MB / 100k-element portal: main-thread blocking only (axe would take minutes).
    await page.goto(`http://${SYNTH_HOST}/__bench/synthetic.html`, { waitUntil: 'load', timeout: 60_000 });
    await page.addScriptTag({ content: scanner });
    const synthUrl = `http://${SYNTH_HOST}/`;
    const synthRuns = [await page.evaluate(scanSlices, { url: synthUrl, ctx })];
    for (let i = 0; i < 2 && synthRuns.reduce((a, r) => a + r.wallMs, 0) < 20_000; i++) synthRuns.push(await page.evaluate(scanSlices, { url: synthUrl, ctx }));
    const synthStats = await page.evaluate(() => ({ elements: document.getElementsByTagName('*').length }));
    const synthetic = {
      bytes: synth.bytes,
      elements: synthStats.elements,
      coldScanMs: busy(synthRuns[0]),
      warmScanMs: median(synthRuns.slice(1).map(busy)),
      longestTaskMs: Math.max(...synthRuns.map((r) => Math.max(r.maxSliceMs, r.longtaskMs))),
      slices: synthRuns[0].slices.map((s) => ({ step: s.step, ms: Math.round(s.ms * 10) / 10 })),
      errors: synthRuns[0].errors,
      longtaskSupported: synthRuns[0].longtaskSupported,
    };
    log(
      `  synthetic portal ${(synth.bytes / 1e6).toFixed(2)} MB ${synthStats.elements} el: scan cold ${synthetic.coldScanMs.toFixed(0)} ms, warm ${synthetic.warmScanMs?.toFixed(0)} ms, longest task ${synthetic.longestTaskMs.toFixed(1)} ms`,
    );

    // Matcher throughput on 1 MB (UTF-8 bytes) of the corpus's own visible text.
    let matcher;
    if (!text.code) {
      matcher = { error: `词库未能打包：${text.error}` };
    } else {
      const oneMB = toBytes(corpusText, 1_000_000);
      await page.setContent('<!doctype html><meta charset="utf-8"><title>matcher</title>');
      await page.addScriptTag({ content: text.code });
      const r = await page.evaluate(matcherRun, { text: oneMB.text, reps: 9, budgetMs: 15_000 });
      const mb = oneMB.bytes / 1e6;
      matcher = {
        bytes: oneMB.bytes,
        cjkShare: oneMB.cjkShare,
        patterns: r.patterns,
        buildMs: r.buildMs,
        rawMs: median(r.raw),
        guardedMs: median(r.guarded),
        mbps: mb / (median(r.raw) / 1000),
        guardedMbps: mb / (median(r.guarded) / 1000),
        rawHits: r.hits,
        guardedHits: r.guardedHits,
      };
      log(`  matcher: ${r.patterns} patterns, build ${r.buildMs.toFixed(1)} ms, 1 MB in ${matcher.rawMs.toFixed(1)} ms raw / ${matcher.guardedMs.toFixed(1)} ms with guards`);
    }
    return { pages, synthetic, matcher };
  } finally {
    await close();
    await server.close();
  }
}

/** Main-thread time of one yielding scan: the sum of its slices. */
const busy = (run) => run.slices.reduce((a, x) => a + x.ms, 0);

/** Repeat the corpus text until it holds `bytes` UTF-8 bytes, cut on a character boundary. */
function toBytes(text, bytes) {
  const clean = text.replace(/\s+/g, ' ');
  let s = clean;
  while (Buffer.byteLength(s) < bytes) s += clean;
  // binary search the character cut that lands at or just over the byte target
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Buffer.byteLength(s.slice(0, mid)) < bytes) lo = mid + 1;
    else hi = mid;
  }
  const out = s.slice(0, lo);
  const cjk = (out.match(/[\u4e00-\u9fff]/g) ?? []).length;
  return { text: out, bytes: Buffer.byteLength(out), cjkShare: cjk / out.length };
}
