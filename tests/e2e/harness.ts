import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
// @ts-expect-error plain ESM helpers shared with the demo and scan scripts
import { launch, extensionId, extensionPage, askBackground, extensionCopyWithHostAccess, inspectableCopy, withWebRequest } from '../../scripts/lib/browser.mjs';
// @ts-expect-error plain ESM helpers shared with the demo and scan scripts
import { startServer } from '../../scripts/lib/server.mjs';
// @ts-expect-error plain ESM helpers shared with the demo and scan scripts
import { waitForScan, DEMO_HOST } from '../../scripts/lib/demo-pages.mjs';
import type { Finding } from '../../utils/db/types';
import { normaliseUrl } from '../../utils/db/keys';

export { waitForScan, DEMO_HOST };

/**
 * A browser with the built extension, on a profile that survives restarts until `dispose`.
 * Every host name (www.sfx.gov.cn, mp.weixin.qq.com …) resolves to the local test server:
 * scripts/lib/browser.mjs launches Chromium with --host-resolver-rules="MAP * 127.0.0.1:PORT",
 * so no test ever reaches the internet.
 */
export class Harness {
  server!: { port: number; close: () => Promise<void> };
  context!: BrowserContext;
  id = '';
  bg!: Page;
  readonly profile = mkdtempSync(join(tmpdir(), 'gsi-e2e-'));
  private closeBrowser: () => Promise<void> = async () => undefined;
  private extensionDir: string | undefined;
  private resolverRules: string[] = [];

  private shipped = false;

  /**
   * `grantHostAccess`: run on a copy of the build with the optional host permission granted; `shipped`:
   * the build as shipped, overlay in a closed shadow root Playwright cannot reach (see browser.mjs).
   * Otherwise an inspectable copy, one per harness so the extension id survives `restart`.
   * `resolverRules`: host rules before the catch-all map to the test server (see browser.mjs).
   * `webRequest`: the copy loads with the optional webRequest permission in effect (network error
   * names for the monitor and the link checker; see withWebRequest in browser.mjs).
   */
  async start(serverOpts: Record<string, unknown> = { templating: true }, opts: { grantHostAccess?: boolean; shipped?: boolean; resolverRules?: string[]; webRequest?: boolean } = {}) {
    this.shipped = !!opts.shipped;
    const edits = opts.webRequest ? [withWebRequest] : [];
    if (!this.shipped) this.extensionDir = opts.grantHostAccess ? extensionCopyWithHostAccess(...edits) : inspectableCopy(...edits);
    this.resolverRules = opts.resolverRules ?? [];
    this.server = await startServer(serverOpts);
    await this.open();
    return this;
  }

  async open() {
    const { context, close } = await launch({ port: this.server.port, userDataDir: this.profile, extensionDir: this.extensionDir, shipped: this.shipped, resolverRules: this.resolverRules });
    this.context = context;
    this.closeBrowser = close;
    this.id = await extensionId(context);
    this.bg = await extensionPage(context, this.id);
  }

  /** Close the browser and open it again on the same profile. */
  async restart() {
    await this.closeBrowser();
    await this.open();
  }

  ask<T = any>(request: Record<string, unknown>): Promise<T> {
    return askBackground(this.bg, request);
  }

  async pageFindings(url: string): Promise<Finding[]> {
    return (await this.ask<{ findings: Finding[] }>({ type: 'findings:page', url })).findings;
  }

  /** When the page at `url` was last scanned (its stored record, keyed by the normalised address), or 0: lets a test wait for a re-scan. */
  lastScanned(url: string): Promise<number> {
    return this.bg.evaluate(
      (u) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('gov-site-inspector');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('pages').objectStore('pages').getAll();
            all.onsuccess = () => {
              resolve(Math.max(0, ...all.result.filter((p: { url: string }) => p.url === u).map((p: { lastScanned: number }) => p.lastScanned)));
              open.result.close();
            };
          };
        }),
      normaliseUrl(url),
    );
  }

  async visit(url: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(url);
    await waitForScan(page);
    return page;
  }

  async dispose() {
    await this.closeBrowser();
    await this.server?.close();
    rmSync(this.profile, { recursive: true, force: true });
    if (this.extensionDir) rmSync(this.extensionDir, { recursive: true, force: true });
  }
}

/** A port on 127.0.0.1 nothing listens on: a host mapped there refuses connections. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}
