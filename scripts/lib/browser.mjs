// Launch Debian's Chromium with the built extension loaded, for the demo, the scan command, the
// benchmark and the end-to-end tests. Every government host name resolves to our local server.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** A missing browser is a loud failure with the fix, never a silent skip. */
export function assertBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `找不到 Chromium（${CHROMIUM}）。请先安装：sudo apt-get install -y chromium fonts-noto-cjk` +
        `（或运行 bash .ci/run；其他路径可设置 CHROMIUM_PATH）。\n` +
        `Chromium not found at ${CHROMIUM}: install it with "sudo apt-get install -y chromium fonts-noto-cjk" or set CHROMIUM_PATH.`,
    );
  }
}

export function assertBuilt() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`扩展尚未构建：${EXTENSION_DIR} 不存在，请先运行 npx wxt build。`);
  }
}

/**
 * `shipped`: load the build exactly as shipped. Otherwise an inspectable copy (see inspectableCopy),
 * unless `extensionDir` names another directory; `webRequest`: that copy loads with the optional
 * webRequest permission already granted (see withWebRequest), as after the inspector's grant and a
 * browser restart. The default is the manifest as built, without it (the bench measures that).
 * @param {{ port: number | null, headless?: boolean, userDataDir?: string, extension?: boolean, extensionDir?: string, shipped?: boolean, webRequest?: boolean, extraArgs?: string[], resolverRules?: string[] }} opts
 *   resolverRules: host rules applied before "MAP * 127.0.0.1:port", e.g. "MAP gone.gov.cn ~NOTFOUND" (a DNS failure)
 *   or "MAP closed.gov.cn 127.0.0.1:<unused port>" (a refused connection); they must only ever point at 127.0.0.1.
 */
export async function launch(opts) {
  assertBrowser();
  if (opts.extension !== false) assertBuilt();
  const ownCopy = opts.extension !== false && !opts.extensionDir && !opts.shipped ? inspectableCopy(...(opts.webRequest ? [withWebRequest] : [])) : null;
  const extDir = opts.extensionDir ?? ownCopy ?? EXTENSION_DIR;
  const ownsDir = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'gsi-profile-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    ...(opts.port ? [`--host-resolver-rules=${[...(opts.resolverRules ?? []), `MAP * 127.0.0.1:${opts.port}`].join(', ')}`] : []),
    ...(opts.extension === false ? [] : [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`]),
    ...(opts.extraArgs ?? []),
  ];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    args,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    if (ownsDir) rmSync(userDataDir, { recursive: true, force: true });
    if (ownCopy) rmSync(ownCopy, { recursive: true, force: true });
  };
  return { context, userDataDir, close };
}

/** The extension's id, read from its service worker once it has started. */
export async function extensionId(context) {
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 30_000 });
  return new URL(worker.url()).host;
}

/** Ask the background a question the way the extension's own pages do. */
export async function askBackground(page, request) {
  return page.evaluate(async (req) => {
    const reply = await chrome.runtime.sendMessage(req);
    if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
    return reply.data;
  }, request);
}

/** An extension page (popup.html) to talk to the background from. */
export async function extensionPage(context, id, path = 'popup.html') {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/${path}`);
  return page;
}

/**
 * A copy of the build whose manifest already holds the optional host permission. Headless
 * Chromium cannot answer a permission prompt, so tests of what runs after the grant
 * (截图取证) use this copy; everything else in it is the shipped build, byte for byte.
 */
export function extensionCopyWithHostAccess(...edits) {
  return inspectableCopy((manifest) => {
    manifest.host_permissions = [...manifest.host_permissions, ...manifest.optional_host_permissions];
  }, ...edits);
}

/**
 * Manifest edit: `webRequest` moved from the optional permissions to the required ones, so Chrome
 * loads the copy with it in effect. The tests that assert net::ERR kinds (域名解析失败, 连接被拒绝…)
 * need it: a grant at run time only takes effect once the extension is loaded again.
 */
export function withWebRequest(manifest) {
  manifest.permissions = [...(manifest.permissions ?? []), 'webRequest'];
  manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p) => p !== 'webRequest');
  if (!manifest.optional_permissions.length) delete manifest.optional_permissions;
}

/**
 * A copy of the build whose overlay Playwright can reach into: the shipped overlay sits in a closed
 * shadow root (the page under inspection must not read it, and neither can Playwright's locators);
 * the content script opens it only when the manifest's version_name says "e2e-inspectable".
 * Tests of that closedness (tests/e2e/hostile.test.ts) launch with `shipped: true`.
 */
export function inspectableCopy(...edits) {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'gsi-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.version_name = `${manifest.version} e2e-inspectable`;
  for (const edit of edits) edit(manifest);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}
