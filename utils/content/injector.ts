/**
 * The scanner (content-scripts/content.js) is never declared in the manifest: a declared content
 * script, however small, has Chrome build its isolated world and extension bindings while the page
 * is still loading, and that alone made `load` fire about 5 % later on every government page. The
 * background injects it instead, once the tab reports `complete` (after `load`, frames included;
 * Chrome reports it again after a frame navigates), into each frame of the page that is in scope
 * and has no scanner yet.
 */
export const SCANNER = '/content-scripts/content.js';
/** A page whose load never completes (a resource that hangs) is scanned this long after it started loading. */
const MAX_WAIT_MS = 3000;
/** Frames wait at most this long for their top page's scan. */
const FRAMES_AFTER_MS = 1500;

export interface ScannedFrame {
  frameId: number;
  url: string;
}

export interface Injector {
  onUpdated(tabId: number, status: string | undefined, tabUrl: string | undefined): void;
  onRemoved(tabId: number): void;
  /** The top page's scanner has stored its first result: its frames get theirs now. */
  onTopScanned(tabId: number): void;
  /**
   * The worker has (re)started: pages that finished loading while no listener heard them (the
   * extension just installed, updated or enabled with government pages open) get their scanner.
   */
  sweep(tabs: { id?: number; url?: string; status?: string }[]): void;
}

export type FrameProbe = ReturnType<typeof probeFrame>;

export interface InjectorDeps {
  /** A government host or a roster website (the same test the background applies to every message from a scanner). */
  inScope(url: string): Promise<boolean>;
  /** Sees each frame about to get a scanner (to prepare its first answer). */
  beforeInject(tabId: number, tabUrl: string, frame: ScannedFrame): void;
  /** chrome.scripting: the scanner (SCANNER) into these frames of the tab. */
  injectScanner(tabId: number, frameIds: number[]): Promise<unknown>;
  /** chrome.scripting: `probeFrame` in these frames of the tab, or in all of them. */
  probe(tabId: number, frameIds?: number[]): Promise<{ frameId: number; result?: unknown }[]>;
}

export function scannerInjector(opts: InjectorDeps): Injector {
  const queues = new Map<number, Promise<void>>();
  const waiting = new Map<number, ReturnType<typeof setTimeout>>();
  const scannedWaiters = new Map<number, () => void>();
  /** Top-level loads per tab: a wait for the top page's scan ends, unanswered, when the tab moves on. */
  const loads = new Map<number, number>();

  const stopWaiting = (tabId: number) => {
    clearTimeout(waiting.get(tabId));
    waiting.delete(tabId);
  };

  const topScanned = (tabId: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, FRAMES_AFTER_MS);
      function done() {
        clearTimeout(timer);
        if (scannedWaiters.get(tabId) === done) scannedWaiters.delete(tabId);
        resolve();
      }
      scannedWaiters.set(tabId, done);
    });

  async function inject(tabId: number, tabUrl: string) {
    if (!(await opts.inScope(tabUrl))) return;
    // The page the inspector looks at, at once and without a probe (a second scanner in a document
    // stops at its own first line); its frames once it is marked, or after a while: same-site frames
    // share its main thread (even the probe, which builds each frame's isolated world, would slow
    // the top page's scan), and every scan queues for the one language model.
    opts.beforeInject(tabId, tabUrl, { frameId: 0, url: tabUrl });
    const scanned = topScanned(tabId);
    const load = loads.get(tabId);
    await opts.injectScanner(tabId, [0]);
    await scanned;
    if (loads.get(tabId) !== load) return; // another page now: its own `complete` injects its frames
    const probes = await opts.probe(tabId);
    const frames: ScannedFrame[] = [];
    for (const p of probes) {
      const r = p.result as FrameProbe | undefined;
      // A frame of another site (reachable when 截图取证's all-sites grant is on) is never scanned.
      if (p.frameId === 0 || !r || r.scanned || !r.html || !(await opts.inScope(r.url))) continue;
      frames.push({ frameId: p.frameId, url: r.url });
    }
    if (!frames.length) return;
    for (const f of frames) opts.beforeInject(tabId, tabUrl, f);
    await opts.injectScanner(tabId, frames.map((f) => f.frameId));
  }

  /** A page open before this worker heard of it: scanned unless it has its scanner already. */
  async function injectIfMissing(tabId: number, tabUrl: string) {
    if (!(await opts.inScope(tabUrl))) return;
    const [probe] = await opts.probe(tabId, [0]);
    const r = probe?.result as FrameProbe | undefined;
    if (r && !r.scanned && r.html) await inject(tabId, tabUrl);
  }

  // One injection at a time per tab: two `complete`s close together must not give a frame two scanners.
  const run = (tabId: number, tabUrl: string, job = inject) => {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(() => job(tabId, tabUrl)).catch(() => undefined);
    queues.set(tabId, next);
    void next.then(() => {
      if (queues.get(tabId) === next) queues.delete(tabId);
    });
  };

  return {
    onUpdated(tabId, status, tabUrl) {
      if (!tabUrl || !/^https?:/i.test(tabUrl)) return;
      if (status === 'complete') {
        stopWaiting(tabId);
        run(tabId, tabUrl);
      } else if (status === 'loading') {
        loads.set(tabId, (loads.get(tabId) ?? 0) + 1);
        scannedWaiters.get(tabId)?.();
        stopWaiting(tabId);
        waiting.set(
          tabId,
          setTimeout(() => {
            waiting.delete(tabId);
            run(tabId, tabUrl);
          }, MAX_WAIT_MS),
        );
      }
    },
    onRemoved(tabId) {
      stopWaiting(tabId);
      loads.delete(tabId);
      queues.delete(tabId);
      scannedWaiters.get(tabId)?.();
    },
    onTopScanned(tabId) {
      scannedWaiters.get(tabId)?.();
    },
    sweep(tabs) {
      for (const t of tabs) {
        if (t.id === undefined || t.status !== 'complete' || !t.url || !/^https?:/i.test(t.url) || queues.has(t.id)) continue;
        run(t.id, t.url, injectIfMissing);
      }
    },
  };
}

/** Runs in each frame (isolated world; serialised by chrome.scripting, so self-contained): has it a scanner already, and is it a page at all? */
export function probeFrame() {
  return {
    scanned: !!(globalThis as { __gsiScanner?: boolean }).__gsiScanner,
    html: (document.contentType || '').includes('html') && !!document.documentElement,
    url: location.href,
  };
}
