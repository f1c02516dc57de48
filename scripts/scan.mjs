// npm run scan -- [--at YYYY-MM-DD] [--json] [--as URL] <file-or-url>...
// --as gives the address the next saved file was saved from (a home page must be judged at its own
// address: /, not /saved-file.html); without it the file's own "saved from" comment or canonical link is used.
// Runs the extension's own scan, in headless Chromium, over saved pages (served byte for byte on
// 127.0.0.1 under a *.gov.cn host, so GBK pages decode as a browser would) or live URLs.
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { launch, extensionId, extensionPage, askBackground } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { waitForScan } from './lib/demo-pages.mjs';
import { tsImport } from 'tsx/esm/api';

// The same formatter as the sheet's 证据 column and the finding card (one place, utils/scan/evidence.ts).
const { findingEvidence } = await tsImport('../utils/scan/evidence.ts', import.meta.url);

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

const files = new Map();
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
  const u = new URL(url);
  files.set(u.hostname + u.pathname, path);
  return { input, url, live: false };
});

async function scanAll(list, port) {
  const { context, close } = await launch({ port });
  const results = [];
  try {
    const bg = await extensionPage(context, await extensionId(context));
    const { round } = await askBackground(bg, { type: 'settings:get' });
    if (at) await askBackground(bg, { type: 'round:set', roundId: round.id, monitoringDate: at });
    const page = await context.newPage();
    for (const t of list) {
      try {
        await page.goto(t.url, { waitUntil: 'load', timeout: 30_000 });
        await waitForScan(page, 30_000);
        const { findings } = await askBackground(bg, { type: 'findings:page', url: page.url() });
        results.push({
          input: t.input,
          url: page.url(),
          title: await page.title(),
          findings: findings
            .filter((f) => f.stillPresent && f.status !== 'dismissed')
            .map((f) => ({
              ruleId: f.ruleId,
              severity: f.severity,
              message: f.message,
              quote: f.quote?.exact ?? null,
              evidence: findingEvidence(f),
              detail: f.detail,
            })),
        });
      } catch (e) {
        fail(`无法扫描 ${t.input}：${String(e.message).split('\n')[0]}`);
      }
    }
  } finally {
    await close();
  }
  return results;
}

const server = await startServer({ files });
let results;
try {
  const saved = targets.filter((t) => !t.live);
  const live = targets.filter((t) => t.live);
  const byInput = new Map();
  if (saved.length) for (const r of await scanAll(saved, server.port)) byInput.set(r.input, r);
  if (live.length) for (const r of await scanAll(live, null)) byInput.set(r.input, r);
  results = targets.map((t) => byInput.get(t.input));
} finally {
  await server.close();
}

if (json) {
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
} else {
  for (const r of results) {
    console.log(`■ ${r.title || r.url}\n  ${r.input} → ${r.url}`);
    if (!r.findings.length) console.log('    （未发现问题）');
    for (const f of r.findings) {
      console.log(`    [${SEVERITY[f.severity]}] ${f.ruleId}：${f.message}${f.quote ? `  原文“${f.quote}”` : ''}`);
      if (f.evidence) console.log(`      证据：${f.evidence}`);
    }
  }
}
