import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, DEMO_HOST, waitForScan } from './harness';
import * as P from '../fixtures/hostile/pages';

/**
 * Issue 10: storage faults in real Chromium. Another extension page holds a read-write
 * transaction on the database so the background's writes block; the service worker is stopped in
 * the middle of those writes; then the lock is released. Writes acknowledged before must all be
 * there, and the ones that failed must land by the content script's retries, not be dropped.
 */

type Res = { writeHead: (s: number, h: Record<string, string>) => void; end: (b: string) => void };
const serve = (body: string) => (_req: unknown, res: Res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
};

const A = `http://${DEMO_HOST}/art/typo.html`;
const B = `http://${DEMO_HOST}/fault/b.html`;

describe('storage faults: blocked database, worker stopped mid-write', () => {
  const h = new Harness();
  let lockPage: Page;

  beforeAll(async () => {
    await h.start({ templating: true, routes: { '/fault/b.html': serve(P.page('故障期间打开的页面_示范县人民政府', '<p>存储故障时扫描的页面。</p>')) } });
  });
  afterAll(async () => {
    await h.dispose();
  });

  /** Hold a read-write transaction on `dismissals`: saveScan and updateFinding need it, reads do not. */
  const lock = () =>
    lockPage.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const w = window as unknown as { __release: boolean };
          w.__release = false;
          const open = indexedDB.open('gov-site-inspector');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction('dismissals', 'readwrite').objectStore('dismissals');
            const spin = () => {
              if (w.__release) return;
              store.get('__lock__').onsuccess = spin;
            };
            spin();
            resolve();
          };
        }),
    );
  const release = () => lockPage.evaluate(() => ((window as unknown as { __release: boolean }).__release = true));

  it('keeps failed scan results and verdicts, retries them, and loses nothing acknowledged', async () => {
    lockPage = await h.context.newPage();
    await lockPage.goto(`chrome-extension://${h.id}/popup.html`);

    // Acknowledged before the fault: a scan and a verdict.
    const a = await h.visit(A);
    const acked = await h.pageFindings(A);
    expect(acked.length).toBeGreaterThan(1);
    await a.bringToFront();
    await a.keyboard.press('Alt+Shift+J');
    const first = await a.locator('gsi-overlay .gsi-active .gsi-card').getAttribute('data-finding-id');
    await a.keyboard.press('Alt+Shift+C');
    await expect.poll(async () => (await h.pageFindings(A)).find((f) => f.id === first)?.status).toBe('confirmed');

    await lock();

    // A page scanned while the database is blocked (reads still work, writes wait): the result is kept and retried.
    const b = await h.context.newPage();
    await b.goto(B);
    const failed = b.locator('gsi-overlay [data-testid="scan-failed"]');
    await failed.waitFor({ timeout: 25_000 });
    expect(await failed.innerText()).toMatch(/^未能完成扫描：扫描结果未能保存.*结果已保留，正在重试/);

    // A verdict meanwhile: shown as chosen, kept, retried.
    await a.bringToFront();
    await a.keyboard.press('Alt+Shift+J');
    const second = await a.locator('gsi-overlay .gsi-active .gsi-card').getAttribute('data-finding-id');
    expect(second).not.toBe(first);
    await a.keyboard.press('Alt+Shift+C');
    const panelA = a.locator('gsi-overlay .gsi-panel');
    await expect.poll(() => panelA.innerText(), { timeout: 25_000 }).toMatch(/判定未能保存：.*内容已保留在本页，正在自动重试/);

    // Kill the service worker in the middle of the blocked writes.
    const cdp = await h.context.newCDPSession(lockPage);
    const versions: string[] = [];
    const stopped: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
      for (const v of e.versions) {
        if (!v.scriptURL.includes(h.id)) continue;
        if (v.runningStatus === 'running') versions.push(v.versionId);
        if (v.runningStatus === 'stopped') stopped.push(v.versionId);
      }
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => versions.length).toBeGreaterThan(0);
    await cdp.send('ServiceWorker.stopWorker', { versionId: versions[versions.length - 1]! });
    await expect.poll(() => stopped.length).toBeGreaterThan(0);
    await release();

    // The retries land: the verdict and the scan result, once each.
    await expect.poll(async () => (await h.pageFindings(A)).find((f) => f.id === second)?.status, { timeout: 60_000 }).toBe('confirmed');
    await expect.poll(async () => (await h.pageFindings(B)).some((f) => f.ruleId === 'typo'), { timeout: 60_000 }).toBe(true);
    await waitForScan(b, 60_000);
    expect(await b.locator('gsi-overlay .gsi-panel').getAttribute('data-state')).toBe('done');
    await expect.poll(() => panelA.innerText(), { timeout: 10_000 }).not.toContain('未能保存');

    // Nothing acknowledged was lost, even across a browser restart.
    await h.restart();
    const after = await h.pageFindings(A);
    for (const f of acked) expect(after.some((x) => x.id === f.id)).toBe(true);
    expect(after.find((f) => f.id === first)?.status).toBe('confirmed');
    expect(after.find((f) => f.id === second)?.status).toBe('confirmed');
    const bFindings = await h.pageFindings(B);
    const keys = bFindings.map((f) => `${f.ruleId}|${f.quote?.exact ?? f.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
