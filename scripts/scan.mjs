// npm run scan -- [--at YYYY-MM-DD] [--json] [--as URL] <file-or-url>...
// --as gives the address the next saved file was saved from (a home page must be judged at its own
// address: /, not /saved-file.html); without it the file's own "saved from" comment or canonical link is used.
// Runs the extension's own scan, in headless Chromium, over saved pages (served byte for byte on
// 127.0.0.1 under a *.gov.cn host, so GBK pages decode as a browser would) or live URLs.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, normalize, resolve } from 'node:path';
import { launch, extensionId, extensionPage, askBackground } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { waitForScan } from './lib/demo-pages.mjs';

const SEVERITY = { veto: '单项否决', deduct: '扣分', hint: '提示' };

function fail(reason) {
  console.error(`scan: ${reason}`);
  process.exit(2);
}

const args = process.argv.slice(2);
let at = null;
let json = false;
const inputs = [];
const asUrl = new Map();
let pendingAs = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--at') {
    at = args[++i];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(at ?? '') || Number.isNaN(Date.parse(at))) fail(`--at 需要 YYYY-MM-DD 格式的检查时间点，收到 "${at ?? ''}"`);
  } else if (args[i] === '--json') json = true;
  else if (args[i] === '--as') {
    pendingAs = args[++i] ?? '';
    try {
      if (!/(^|\.)gov\.cn$/i.test(new URL(pendingAs).hostname)) fail(`--as 需要 *.gov.cn 网址（扩展只扫描政府网站），收到 "${pendingAs}"`);
    } catch {
      fail(`--as 需要完整网址，收到 "${pendingAs}"`);
    }
  } else if (args[i].startsWith('--')) fail(`未知选项 ${args[i]}`);
  else {
    inputs.push(args[i]);
    if (pendingAs) asUrl.set(inputs.length - 1, pendingAs);
    pendingAs = null;
  }
}
if (!inputs.length) fail('用法：npm run scan -- [--at YYYY-MM-DD] [--json] <文件或网址>...');

/** A saved page keeps its own address in "saved from url=", a Url meta or a canonical link; serve it there when it is a gov.cn page. */
function originalUrl(html) {
  const m =
    /saved from url=\(\d+\)(https?:\/\/[^\s>]+)/i.exec(html) ??
    /<meta[^>]+name=["']?url["']?[^>]+content=["'](https?:\/\/[^"']+)/i.exec(html) ??
    /<link[^>]+rel=["']?canonical["']?[^>]+href=["'](https?:\/\/[^"']+)/i.exec(html);
  if (!m) return null;
  try {
    const u = new URL(m[1]);
    return /(^|\.)gov\.cn$/i.test(u.hostname) ? u : null;
  } catch {
    return null;
  }
}

const targets = inputs.map((input, i) => {
  if (/^https?:\/\//i.test(input)) return { input, url: input, live: true };
  const path = resolve(input);
  let bytes;
  try {
    if (!statSync(path).isFile()) fail(`无法读取 ${input}：不是文件`);
    bytes = readFileSync(path);
  } catch (e) {
    fail(`无法读取 ${input}：${e.code === 'ENOENT' ? '文件不存在' : e.message}`);
  }
  const orig = asUrl.has(i) ? new URL(asUrl.get(i)) : originalUrl(bytes.subarray(0, 8192).toString('latin1'));
  // Served locally over plain HTTP (no certificate here), at the page's own host and path.
  const url = orig ? `http://${orig.host}${orig.pathname}` : `http://page${i + 1}.saved.gov.cn/${encodeURIComponent(basename(path))}`;
  return { input, url, live: false, path };
});

/**
 * Inputs split into runs in which no address repeats: every run gets a fresh browser profile, so two
 * saves of one address (before and after 整改) never see each other's stored findings.
 */
function runs(list) {
  const out = [];
  for (const t of list) {
    const key = new URL(t.url).host + new URL(t.url).pathname;
    let run = out.find((r) => !r.keys.has(key) && r.live === t.live);
    if (!run) out.push((run = { live: t.live, keys: new Set(), targets: [] }));
    run.keys.add(key);
    run.targets.push(t);
  }
  return out;
}

/** The saved file for a request in the current run: the page itself, or a frame or resource saved beside it. */
let serving = [];
function fileFor(host, pathname) {
  const here = serving.filter((t) => new URL(t.url).host === host);
  const exact = here.find((t) => new URL(t.url).pathname === pathname);
  if (exact) return exact.path;
  for (const t of here) {
    const dir = new URL(t.url).pathname.replace(/[^/]*$/, '');
    if (!pathname.startsWith(dir)) continue;
    const local = resolve(dirname(t.path), normalize(decodeURIComponent(pathname.slice(dir.length))).replace(/^(\.\.[/\\])+/, ''));
    if (local.startsWith(dirname(t.path)) && existsSync(local)) return local;
  }
  return null;
}

/**
 * The documents of a page that hold its content: the page itself, or for a frameset (which renders
 * nothing of its own) its frames, nested framesets followed down.
 */
async function contentFrames(page) {
  const out = [];
  const walk = async (frame) => {
    const isFrameset = await frame.evaluate(() => document.body?.tagName === 'FRAMESET').catch(() => false);
    if (!isFrameset) return void out.push(frame);
    for (const child of frame.childFrames()) if (/^https?:/.test(child.url())) await walk(child);
  };
  await walk(page.mainFrame());
  return out;
}

const pick = (findings, frame) =>
  findings
    .filter((f) => f.stillPresent && f.status !== 'dismissed')
    .map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, quote: f.quote?.exact ?? null, detail: f.detail, ...(frame ? { frame } : {}) }));

/** One input, on its own; whatever goes wrong becomes the entry's `error`, never the end of the batch. */
async function scanOne(context, bg, t) {
  const page = await context.newPage();
  try {
    await page.goto(t.url, { waitUntil: 'load', timeout: 30_000 });
    const type = await page.evaluate(() => document.contentType);
    if (!/html/i.test(type)) throw new Error(`不是网页（${type}）`);
    const frames = await contentFrames(page);
    if (!frames.length) throw new Error('框架页中没有可扫描的框架');
    const findings = [];
    for (const frame of frames) {
      await waitForScan(frame, 30_000);
      const framed = frame !== page.mainFrame();
      findings.push(...pick((await askBackground(bg, { type: 'findings:page', url: frame.url() })).findings, framed ? frame.url() : null));
    }
    return { input: t.input, url: page.url(), title: await page.title(), findings };
  } catch (e) {
    return { input: t.input, url: t.url, title: '', findings: [], error: `无法扫描：${String(e?.message ?? e).split('\n')[0]}` };
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function scanRun(run, port) {
  serving = run.live ? [] : run.targets;
  const { context, close } = await launch({ port });
  try {
    const bg = await extensionPage(context, await extensionId(context));
    const { round } = await askBackground(bg, { type: 'settings:get' });
    if (at) await askBackground(bg, { type: 'round:set', roundId: round.id, monitoringDate: at });
    const results = [];
    for (const t of run.targets) results.push(await scanOne(context, bg, t));
    return results;
  } finally {
    await close();
  }
}

// Nothing but the saved pages (and what was saved beside them) is served: never the demo site.
const server = await startServer({ fileFor, root: resolve(tmpdir(), 'gsi-scan-nothing') });
const byTarget = new Map();
try {
  for (const run of runs(targets)) {
    const results = await scanRun(run, run.live ? null : server.port);
    run.targets.forEach((t, i) => byTarget.set(t, results[i]));
  }
} finally {
  await server.close();
}
const results = targets.map((t) => byTarget.get(t));

if (json) {
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
} else {
  for (const r of results) {
    console.log(`■ ${r.title || r.url}\n  ${r.input} → ${r.url}`);
    if (r.error) console.log(`    ${r.error}`);
    else if (!r.findings.length) console.log('    （未发现问题）');
    for (const f of r.findings) console.log(`    [${SEVERITY[f.severity]}] ${f.ruleId}：${f.message}${f.quote ? `  原文“${f.quote}”` : ''}${f.frame ? `  （框架 ${f.frame}）` : ''}`);
  }
}
