// What the inspector feels on a page: how long after the page's `load` the marks are on screen,
// and how much later `load` itself fires because the extension is there. Both on the corpus
// pages at their own *.gov.cn addresses, in two headless Chromiums on the same server: one with
// the extension, one without; the same URL, alternating which goes first.
import { launch } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import { corpusTargets, CORPUS } from './peers.mjs';
import { median, percentile } from './stats.mjs';
import { cpus } from 'node:os';

/** Idle share of all cores over the last `ms`. */
async function idleShare(ms) {
  const sum = () => cpus().reduce((a, c) => ({ idle: a.idle + c.times.idle, all: a.all + Object.values(c.times).reduce((x, y) => x + y, 0) }), { idle: 0, all: 0 });
  const a = sum();
  await new Promise((r) => setTimeout(r, ms));
  const b = sum();
  return b.all > a.all ? (b.idle - a.idle) / (b.all - a.all) : 1;
}

/**
 * Each visit starts on a quiet machine (at most 3 s of waiting): what the extension still does for
 * the page before (its save, its frames), or Chromium for either browser, would otherwise land in
 * the next visit's load, in one browser or the other by turns. An inspector reads a page for
 * seconds before the next click.
 */
async function quiet() {
  const until = Date.now() + 3000;
  while (Date.now() < until && (await idleShare(100)) < 0.9);
}

/**
 * Installed before the page's own scripts (main world). The overlay's shadow root is open, so the
 * page world can watch it: the first time its panel reaches a final state (done / failed: the
 * scan's result and its marks drawn), the next frame is when they are on screen.
 */
function watchMarks() {
  const w = window;
  const seen = new WeakSet();
  const check = () => {
    if (w.__gsiMarksDrawn !== undefined) return;
    const root = document.querySelector('gsi-overlay')?.shadowRoot;
    if (!root) return;
    if (!seen.has(root)) {
      seen.add(root);
      new MutationObserver(check).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
    }
    if (root.querySelector('.gsi-panel[data-state="done"], .gsi-panel[data-state="failed"]')) {
      w.__gsiMarksDrawn = performance.now();
      // Reported as a console message: Playwright's waitForFunction would first load its ~330 KB
      // injected script into the page, on the page's main thread, in the middle of the scan it times.
      requestAnimationFrame(() => setTimeout(() => console.debug(`gsi-marks-on-screen ${performance.now()}`), 0));
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
}

const loadEventStart = (page) => page.evaluate(() => performance.getEntriesByType('navigation')[0]?.loadEventStart ?? null);

async function visit(context, url, withExtension, timeoutMs) {
  const page = await context.newPage();
  const drawn = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('gsi-marks-on-screen '), timeout: timeoutMs });
  drawn.catch(() => undefined); // awaited below, with the extension only
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    const load = await loadEventStart(page);
    if (!withExtension) return { load };
    const onScreen = Number((await drawn).text().split(' ')[1]);
    const count = await page.locator('gsi-overlay .gsi-tag').count();
    // A page whose marks are drawn before its load event has made the inspector wait 0 ms.
    return { load, marksMs: Math.max(0, onScreen - load), marks: count };
  } finally {
    await page.close();
  }
}

/**
 * @param {{ reps: number, log: (s: string) => void }} opts
 */
export async function runFelt({ reps, log }) {
  const targets = corpusTargets();
  const server = await startServer({ root: CORPUS, files: new Map(targets.map((t) => [new URL(t.url).host + new URL(t.url).pathname, t.path])) });
  const ext = await launch({ port: server.port });
  const plain = await launch({ port: server.port, extension: false });
  // In both browsers: the watcher itself costs the page a little, and only the extension may differ.
  await ext.context.addInitScript(watchMarks);
  await plain.context.addInitScript(watchMarks);
  const pages = [];
  try {
    // One untimed visit each: the service worker, the caches and the scan context are warm as on a working day.
    await visit(ext.context, targets[0].url, true, 60_000);
    await visit(plain.context, targets[0].url, false, 60_000);
    for (const t of targets) {
      const withExt = [];
      const without = [];
      for (let r = 0; r < reps; r++) {
        const order = r % 2 ? [false, true] : [true, false];
        for (const on of order) {
          await quiet();
          (on ? withExt : without).push(await visit(on ? ext.context : plain.context, t.url, on, 60_000));
        }
      }
      const row = {
        file: t.file,
        marksMs: withExt.map((v) => v.marksMs),
        marks: withExt[0]?.marks ?? 0,
        loadMs: median(withExt.map((v) => v.load)),
        loadControlMs: median(without.map((v) => v.load)),
      };
      // Each round's two visits are back to back, so their ratio is free of the machine's drift
      // between rounds; the page's figure is the median of its rounds' ratios.
      row.loadOverheadPct = median(withExt.map((v, r) => (without[r]?.load > 0 ? (v.load / without[r].load - 1) * 100 : null)));
      log(
        `  ${t.file}: load ${row.loadMs.toFixed(1)} ms (without the extension ${row.loadControlMs.toFixed(1)} ms, ${row.loadOverheadPct?.toFixed(1)} %), ` +
          `marks on screen ${median(row.marksMs).toFixed(0)} ms after load (${row.marks} marks)`,
      );
      pages.push(row);
    }
  } finally {
    await ext.close();
    await plain.close();
    await server.close();
  }
  const allMarks = pages.flatMap((p) => p.marksMs);
  return {
    pages,
    marksP95Ms: percentile(allMarks, 95),
    marksSamples: allMarks.length,
    loadOverheadPct: median(pages.map((p) => p.loadOverheadPct)),
  };
}
