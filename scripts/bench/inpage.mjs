// Functions run inside the benchmark page by page.evaluate: each is self-contained (Playwright
// serialises its source), and reads the globals the bench injected: __gsiScan, axe, Readability.

/** Size of the page as the scanner sees it, and its text (the matcher's real-world input). */
export function pageStats() {
  return {
    elements: document.getElementsByTagName('*').length,
    textChars: (document.body?.textContent ?? '').length,
    innerText: document.body?.innerText ?? '',
  };
}

/**
 * One scan as the content script runs it: yielding to the page between rules through setTimeout,
 * timing each slice (from resume to the next yield) and watching PerformanceObserver('longtask')
 * over the whole scan window. Called first on a fresh page, so it includes cold costs (JIT, lexicon
 * compile) that every real page load pays.
 */
export async function scanSlices({ url, ctx }) {
  const { scanDocument, DEFAULT_THRESHOLDS, NAME_DATA } = window.__gsiScan;
  const longtasks = [];
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longtasks.push({ start: e.startTime, ms: e.duration });
    });
    observer.observe({ type: 'longtask' });
  } catch {
    observer = null;
  }
  const slices = [];
  const t0 = performance.now();
  let resumed = t0;
  const result = await scanDocument(document, url, { thresholds: DEFAULT_THRESHOLDS, names: NAME_DATA, ...ctx }, {
    now: () => performance.now(),
    yieldToPage: (after) => {
      slices.push({ step: after, ms: performance.now() - resumed });
      return new Promise((r) =>
        setTimeout(() => {
          resumed = performance.now();
          r();
        }, 0),
      );
    },
  });
  slices.push({ step: '(summary)', ms: performance.now() - resumed }); // column summary + dedupe after the last rule
  const t1 = performance.now();
  // Long-task entries are delivered asynchronously: give the observer two frames to flush.
  await new Promise((r) => setTimeout(r, 50));
  observer?.disconnect();
  const inWindow = longtasks.filter((t) => t.start + t.ms >= t0 && t.start <= t1);
  return {
    wallMs: t1 - t0,
    slices,
    maxSliceMs: Math.max(...slices.map((s) => s.ms)),
    longtaskMs: inWindow.length ? Math.max(...inWindow.map((t) => t.ms)) : 0,
    longtaskSupported: observer !== null,
    findings: result.findings.length,
    errors: result.errors,
  };
}

/**
 * One interleaved round on the same page: our full scan (no yielding: pure compute), one axe.run(),
 * one Readability parse of a clone, and the floor (a TreeWalker reading every text node once). The
 * floor is a few milliseconds at most, below the 0.1 ms timer grain's comfort, so it repeats until
 * 5 ms have passed and reports the mean of that batch.
 */
export async function compareRound({ url, ctx, order, withAxe }) {
  const { scanDocument, DEFAULT_THRESHOLDS, NAME_DATA } = window.__gsiScan;
  const out = {};
  const measures = {
    scan: async () => {
      const t = performance.now();
      await scanDocument(document, url, { thresholds: DEFAULT_THRESHOLDS, names: NAME_DATA, ...ctx });
      return performance.now() - t;
    },
    axe: async () => {
      if (!withAxe) return null;
      const t = performance.now();
      await window.axe.run(document);
      return performance.now() - t;
    },
    readability: async () => {
      const t = performance.now();
      new window.Readability(document.cloneNode(true)).parse();
      return performance.now() - t;
    },
    floor: async () => {
      let n = 0;
      let sink = 0;
      const t = performance.now();
      do {
        const w = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
        while (w.nextNode()) sink += w.currentNode.data.length;
        n++;
      } while (performance.now() - t < 5 && n < 1000);
      window.__gsiSink = sink;
      return (performance.now() - t) / n;
    },
  };
  for (const k of order) out[k] = await measures[k]();
  return out;
}

/**
 * Matcher throughput: build once (timed separately), then the raw automaton over the text (the
 * figure) and the lexicon's guarded find() (what the typo rule pays) as a detail. Repeats are
 * bounded by count and by a time budget.
 */
export function matcherRun({ text, reps, budgetMs }) {
  const { buildMatcher, getLexicon } = window.__gsiText;
  const lex = getLexicon();
  const patterns = lex.entries.map((e) => e.wrong);
  let t = performance.now();
  const m = buildMatcher(patterns);
  const buildMs = performance.now() - t;
  const raw = [];
  const guarded = [];
  let hits = 0;
  const started = performance.now();
  for (let i = 0; i < reps && performance.now() - started < budgetMs; i++) {
    hits = 0;
    t = performance.now();
    m.forEach(text, () => {
      hits++;
    });
    raw.push(performance.now() - t);
    t = performance.now();
    const found = lex.find(text).length;
    guarded.push(performance.now() - t);
    window.__gsiSink = found;
  }
  return { patterns: patterns.length, buildMs, raw, guarded, hits, guardedHits: window.__gsiSink };
}
