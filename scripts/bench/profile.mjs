// node scripts/bench/profile.mjs [corpus-file-name | --synthetic] [--top N]
// Where the scan spends its time on one page: a V8 CPU profile (CDP Profiler) of one warm scan with
// an unminified scanner bundle, self time summed per function (name + source file:line), and
// total time per rule file. For rule owners; the bench itself reports only the figures.
import { build } from 'esbuild';
import { resolve, relative } from 'node:path';
import { launch } from '../lib/browser.mjs';
import { startServer, chinaDate } from '../lib/server.mjs';
import { ROOT } from './bundles.mjs';
import { corpusTargets, CORPUS } from './peers.mjs';
import { syntheticPortal } from './synthetic.mjs';

const args = process.argv.slice(2);
const top = Number(args[args.indexOf('--top') + 1]) || 25;
const which = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '--synthetic';
const synthetic = args.includes('--synthetic') || which === '--synthetic';

const bundle = (
  await build({
    stdin: {
      contents: `export { scanDocument } from './utils/scan/scan'; export { DEFAULT_THRESHOLDS } from './utils/scan/types'; export { NAME_DATA } from './utils/text/near-miss-data';`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    absWorkingDir: ROOT,
    tsconfig: resolve(ROOT, 'tsconfig.json'),
    bundle: true,
    format: 'iife',
    globalName: '__gsiScan',
    minify: false,
    keepNames: true,
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
  })
).outputFiles[0].text;

const targets = corpusTargets();
const target = synthetic ? null : targets.find((t) => t.file.includes(which));
if (!synthetic && !target) throw new Error(`no corpus page matches ${which}`);
const files = new Map(targets.map((t) => [new URL(t.url).host + new URL(t.url).pathname, t.path]));
const synth = synthetic ? syntheticPortal() : null;
const server = await startServer({
  root: CORPUS,
  files,
  routes: { '/__bench/synthetic.html': (_q, res) => (res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }), res.end(synth?.html ?? '')) },
});
const { context, close } = await launch({ port: server.port, extension: false });
try {
  const page = await context.newPage();
  // The synthetic portal is scanned as the home page it imitates (same address as in the bench).
  const url = synthetic ? 'http://www.mmx.gov.cn/' : target.url;
  await page.goto(synthetic ? 'http://www.mmx.gov.cn/__bench/synthetic.html' : url, { waitUntil: 'load', timeout: 60_000 });
  await page.addScriptTag({ content: bundle + '\n//# sourceURL=gsi-scan-bench.js' });
  const ctx = { monitoringDate: chinaDate(0), rosterSiteCode: null };
  const scan = () =>
    page.evaluate(async ({ url, ctx }) => {
      const t = performance.now();
      await window.__gsiScan.scanDocument(document, url, { thresholds: window.__gsiScan.DEFAULT_THRESHOLDS, names: window.__gsiScan.NAME_DATA, ...ctx });
      return performance.now() - t;
    }, { url, ctx });
  const cold = await scan();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const warm = await scan();
  const { profile } = await cdp.send('Profiler.stop');
  console.log(`${synthetic ? 'synthetic portal' : target.file}: cold ${cold.toFixed(1)} ms, profiled warm scan ${warm.toFixed(1)} ms`);

  // self time per node = samples hitting it × interval
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const byFn = new Map();
  const srcOf = (cf) => (cf.url.includes('gsi-scan-bench') ? `bundle:${cf.lineNumber + 1}` : cf.url ? relative(ROOT, cf.url) : '(native)');
  for (const n of profile.nodes) {
    const ms = dt.get(n.id) ?? 0;
    if (!ms) continue;
    const key = `${n.callFrame.functionName || '(anonymous)'}  ${srcOf(n.callFrame)}`;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
  }
  console.log(`\nself time, top ${top}:`);
  for (const [k, ms] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);

  // inclusive time per source file of utils/ (via the bundle's "// utils/…" markers)
  const lines = bundle.split('\n');
  const fileAt = [];
  let cur = '';
  for (const l of lines) {
    const m = /^\s*\/\/ (utils\/[^\s]+\.ts)$/.exec(l);
    if (m) cur = m[1];
    fileAt.push(cur);
  }
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const incl = new Map();
  for (const [id, ms] of dt) {
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const cf = nodeById.get(x).callFrame;
      if (!cf.url.includes('gsi-scan-bench')) continue;
      const f = fileAt[cf.lineNumber] || '(bundle)';
      if (seen.has(f)) continue;
      seen.add(f);
      incl.set(f, (incl.get(f) ?? 0) + ms);
    }
  }
  console.log('\ninclusive time per source file:');
  for (const [k, ms] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await close();
  await server.close();
}
