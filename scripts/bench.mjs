// npm run bench [-- --json] [--no-build] [--reps N] [--findings N]
// Performance figures of issue 9 in real headless Chromium; every page is served on 127.0.0.1.
//
// JSON shape (with --json, one object on stdout; progress goes to stderr):
//   { <figure>: { value: number | null, target: number, unit: string, better: 'lower' | 'higher',
//                 pass: boolean | null, note?: string }, …, details: {…} }
// value null / pass null = not measured (the note says why). Ratios are per page, same page, same
// run, interleaved; the figure is the median over the corpus. Times are medians of repeated runs.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from './lib/browser.mjs';
import { ROOT } from './bench/bundles.mjs';
import { runPeers } from './bench/peers.mjs';
import { runExtension } from './bench/extension.mjs';
import { runFelt } from './bench/felt.mjs';
import { runTypo } from './bench/typo.mjs';
import { median } from './bench/stats.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const noBuild = args.includes('--no-build');
const num = (flag, dflt, max) => {
  const i = args.indexOf(flag);
  if (i < 0) return dflt;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`bench: ${flag} 需要 1–${max} 的整数`);
    process.exit(2);
  }
  return n;
};
const reps = num('--reps', 5, 50);
const findingCount = num('--findings', 50_000, 200_000);
for (const a of args) {
  if (a.startsWith('--') && !['--json', '--no-build', '--reps', '--findings'].includes(a)) {
    console.error(`bench: 未知选项 ${a}（可用：--json --no-build --reps N --findings N）`);
    process.exit(2);
  }
}

const log = (s) => console.error(s);
const started = Date.now();

const FIGURES = [
  ['scanVsAxe', '扫描耗时 / axe.run()', 0.25, '×', 'lower'],
  ['scanVsReadability', '扫描耗时 / Readability.parse()', 1.5, '×', 'lower'],
  ['longestTaskMs', '扫描造成的最长主线程任务', 50, 'ms', 'lower'],
  ['matcherMBps', '词库匹配吞吐（1 MB 中文）', 50, 'MB/s', 'higher'],
  ['heapMB', '内容脚本扫描后常驻堆', 5, 'MB', 'lower'],
  ['marksP95Ms', '页面 load 之后到标记显示（p95）', 300, 'ms', 'lower'],
  ['loadOverheadPct', '装扩展后 load 推迟（中位数）', 2, '%', 'lower'],
  ['saveP95Ms', '已存 5 万条时保存一个页面的问题（p95）', 50, 'ms', 'lower'],
  ['dashboardPaintMs', '工作台列表首次绘制', 300, 'ms', 'lower'],
  ['filterMs', '工作台筛选', 100, 'ms', 'lower'],
  ['export50kS', '导出三张表（5 万条）', 1, 's', 'lower'],
  // The issue's limit is 250,000 bytes; the figure is in KB of 1,024 bytes, so its line is 244.1 KB.
  ['contentScriptKB', '内容脚本体积（压缩后）', Math.floor(250_000 / 1024 * 10) / 10, 'KB', 'lower'],
  ['typoLmMs', '疑似错别字语言模型（5,000 字正文，离屏文档）', 300, 'ms', 'lower'],
];

function figure(key, value, note) {
  const [, , target, unit, better] = FIGURES.find((f) => f[0] === key);
  const ok = value === null || value === undefined || !Number.isFinite(value) ? null : better === 'lower' ? value <= target : value >= target;
  return { value: ok === null ? null : value, target, unit, better, pass: ok, ...(note ? { note } : {}) };
}

if (!noBuild) {
  log('bench: building the extension (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const result = {};
const details = { reps, startedAt: new Date(started).toISOString() };

// Bundle size first: cheap, and tells whether the build exists at all.
const contentJs = join(EXTENSION_DIR, 'content-scripts/content.js');
result.contentScriptKB = existsSync(contentJs) ? figure('contentScriptKB', statSync(contentJs).size / 1024, `${statSync(contentJs).size.toLocaleString('en')} 字节（上限 250,000 字节）`) : figure('contentScriptKB', null, '没有构建产物 content.js');

log('bench: in-page figures (scan vs axe-core / Readability / floor, main-thread blocking, matcher)…');
const peers = await runPeers({ reps, pageBudgetMs: 20_000, log });
const ratio = (k) => median(peers.pages.map((p) => p[k]));
result.scanVsAxe = figure('scanVsAxe', ratio('scanVsAxe'));
result.scanVsReadability = figure('scanVsReadability', ratio('scanVsReadability'));
const worstCorpus = peers.pages.reduce((a, p) => (p.longestTaskMs > a.longestTaskMs ? p : a));
const longest = Math.max(worstCorpus.longestTaskMs, peers.synthetic.longestTaskMs);
const synthWorstStep = [...peers.synthetic.slices].sort((a, b) => b.ms - a.ms)[0];
result.longestTaskMs = figure(
  'longestTaskMs',
  longest,
  `语料页最长 ${worstCorpus.longestTaskMs.toFixed(1)} ms（${worstCorpus.file}，${worstCorpus.longestStep.step}）；` +
    `合成页 ${(peers.synthetic.bytes / 1e6).toFixed(1)} MB/${peers.synthetic.elements} 元素最长 ${peers.synthetic.longestTaskMs.toFixed(0)} ms（${synthWorstStep.step}）`,
);
result.matcherMBps = peers.matcher.error ? figure('matcherMBps', null, peers.matcher.error) : figure('matcherMBps', peers.matcher.mbps, `${peers.matcher.patterns} 条词条；含上下文校验 ${peers.matcher.guardedMbps.toFixed(0)} MB/s`);
details.pages = peers.pages.map((p) => ({ ...p, longestStep: `${p.longestStep.step} ${p.longestStep.ms.toFixed(1)} ms` }));
details.synthetic = peers.synthetic;
details.matcher = peers.matcher;

log('bench: what the inspector feels (load → marks on screen, load delay with the extension)…');
try {
  // Twice the rounds: the load figure is a difference of a few milliseconds between two loads that
  // each vary by ±10 % on this machine, and the p95 of 100 visits is steadier than of 50.
  const rounds = reps * 2;
  const felt = await runFelt({ reps: rounds, log });
  result.marksP95Ms = figure('marksP95Ms', felt.marksP95Ms, `${felt.pages.length} 个语料页 × ${rounds} 次，共 ${felt.marksSamples} 次`);
  result.loadOverheadPct = figure('loadOverheadPct', felt.loadOverheadPct, `同一地址，装与不装扩展的两个 Chromium 背靠背交替打开，每页 ${rounds} 轮，取每轮比值的中位数`);
  details.felt = felt.pages;
} catch (e) {
  const why = `测量失败：${e instanceof Error ? e.message.split('\n')[0] : e}`;
  for (const k of ['marksP95Ms', 'loadOverheadPct']) result[k] ??= figure(k, null, why);
  log(`bench: ${why}`);
}

log('bench: extension figures (heap, 50k findings, one page saved on top, dashboard, export)…');
try {
  const ext = await runExtension({ log, findings: findingCount });
  result.heapMB = figure('heapMB', ext.heap.heldMB, `最大语料页 ${ext.heap.page}`);
  const ins = ext.insert;
  result.saveP95Ms =
    ins.stored >= findingCount && ext.save
      ? figure('saveP95Ms', ext.save.p95Ms, `${ext.save.saves} 个新页面，每页 ${ext.save.perPage} 条（scan:result 往返）；先存入 ${ins.stored} 条用时 ${(ins.ms / 1000).toFixed(1)} s`)
      : figure('saveP95Ms', null, `时限内只写入 ${ins.stored}/${findingCount} 条（${(ins.ms / 1000).toFixed(1)} s）`);
  const dash = ext.dashboard;
  const dashNote = (v) => (v === null ? `未测量：${dash.reason ?? '见 details.dashboard'}` : dash.reason ?? undefined);
  result.dashboardPaintMs = figure('dashboardPaintMs', dash.paintMs, dash.paintMs === null ? dashNote(null) : `首屏 300 行；全部载入于 ${dash.loadedMs?.toFixed(0) ?? '?'} ms（${dash.countText ?? ''}）`);
  result.filterMs = figure(
    'filterMs',
    dash.filterMs,
    dash.filterMs === null
      ? dashNote(null)
      : `搜索框（无输入停顿，计数变化于 ${dash.filter.text.toChangeMs.toFixed(0)} ms）；性质下拉筛选 ${dash.filter.severity.ms.toFixed(0)} ms`,
  );
  const bgExport = `后台 export:sheets 消息 ${(ext.export.ms / 1000).toFixed(2)} s（${ext.export.files.map((f) => `${f.name.replace(/^.*-/, '')} ${f.lines} 行`).join('，')}）`;
  result.export50kS =
    dash.exportMs !== null && dash.exportMs !== undefined
      ? figure('export50kS', dash.exportMs / 1000, `工作台“导出 CSV”按钮；${bgExport}`)
      : figure('export50kS', ext.export.ms / 1000, bgExport);
  details.heap = ext.heap;
  details.insert = ext.insert;
  details.save = ext.save;
  details.dashboard = ext.dashboard;
  details.export = ext.export;
} catch (e) {
  const why = `扩展测量失败：${e instanceof Error ? e.message.split('\n')[0] : e}`;
  for (const k of ['heapMB', 'saveP95Ms', 'dashboardPaintMs', 'filterMs', 'export50kS']) result[k] ??= figure(k, null, why);
  log(`bench: ${why}`);
}
log('bench: suspected-typo language model (offscreen document)…');
try {
  const typo = await runTypo({ log });
  result.typoLmMs = figure('typoLmMs', typo.ms, `模型首次载入 ${typo.loadMs.toFixed(0)} ms（每次浏览器会话一次），首篇 ${typo.firstMs.toFixed(0)} ms；含消息往返 ${typo.roundTripMs.toFixed(0)} ms`);
  details.typo = typo;
} catch (e) {
  result.typoLmMs = figure('typoLmMs', null, `语言模型测量失败：${e instanceof Error ? e.message.split('\n')[0] : e}`);
}
details.seconds = Math.round((Date.now() - started) / 100) / 10;

const ordered = Object.fromEntries(FIGURES.map(([k]) => [k, result[k]]));
if (json) {
  process.stdout.write(JSON.stringify({ ...ordered, details }, null, 2) + '\n');
} else {
  const fmt = (v, unit) => (v === null ? '—' : unit === '×' ? v.toFixed(3) : unit === 'KB' || unit === 'ms' || unit === '%' ? v.toFixed(1) : v.toFixed(2));
  const rows = FIGURES.map(([k, label, target, unit, better]) => {
    const f = ordered[k];
    return [k, label, `${fmt(f.value, unit)} ${unit}`, `${better === 'lower' ? '≤' : '≥'} ${target} ${unit}`, f.pass === null ? '未测量' : f.pass ? '通过' : '未达标', f.note ?? ''];
  });
  console.log('| 指标 | 含义 | 实测 | 目标 | 结果 | 说明 |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\n${details.pages.length} 个语料页，每页 ${reps} 轮交替测量；耗时 ${details.seconds} s；Chromium headless，2 核。`);
}
