/**
 * A polite request queue: at most `concurrency` requests at once, at most one at a time per
 * host, and at least `perHostGapMs` between two starts on one host; stops when the signal
 * aborts (items not started are reported as skipped). The clock and the pause are injected,
 * so tests run it on fake time.
 */
export interface QueueOptions<T> {
  concurrency: number;
  perHostGapMs: number;
  hostOf: (item: T) => string;
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onSettled?: (item: T, index: number) => void;
  /**
   * When each host last had a request started: pass one map to successive queues of one run
   * (a roster's home pages, then their links) so the spacing holds across them.
   */
  lastStart?: Map<string, number>;
}

export type QueueResult<R> = { status: 'done'; value: R } | { status: 'error'; error: unknown } | { status: 'skipped' };

export async function runQueue<T, R>(items: T[], work: (item: T) => Promise<R>, opts: QueueOptions<T>): Promise<QueueResult<R>[]> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const results: QueueResult<R>[] = items.map(() => ({ status: 'skipped' }));
  const waiting = items.map((_, i) => i);
  const busy = new Set<string>();
  const lastStart = opts.lastStart ?? new Map<string, number>();
  const running = new Set<Promise<void>>();
  const aborted = new Promise<void>((r) => opts.signal?.addEventListener('abort', () => r(), { once: true }));

  /** The first waiting item whose host is free and rested; else how long until one is. */
  const pick = (): { index: number } | { waitMs: number } | null => {
    let waitMs = Infinity;
    for (let k = 0; k < waiting.length; k++) {
      const host = opts.hostOf(items[waiting[k]!]!);
      if (busy.has(host)) continue;
      const rest = (lastStart.get(host) ?? -Infinity) + opts.perHostGapMs - now();
      if (rest <= 0) return { index: waiting.splice(k, 1)[0]! };
      waitMs = Math.min(waitMs, rest);
    }
    return waitMs === Infinity ? null : { waitMs };
  };

  while (waiting.length && !opts.signal?.aborted) {
    const next = running.size < opts.concurrency ? pick() : null;
    if (next && 'index' in next) {
      const i = next.index;
      const host = opts.hostOf(items[i]!);
      busy.add(host);
      lastStart.set(host, now());
      const p = work(items[i]!)
        .then(
          (value) => void (results[i] = { status: 'done', value }),
          (error: unknown) => void (results[i] = { status: 'error', error }),
        )
        .finally(() => {
          busy.delete(host);
          running.delete(p);
          opts.onSettled?.(items[i]!, i);
        });
      running.add(p);
      continue;
    }
    // Full, or every free host is resting: wait for a request to finish or a rest to end.
    const waits: Promise<unknown>[] = [...running, aborted];
    if (next && 'waitMs' in next) waits.push(sleep(next.waitMs));
    if (waits.length === 1) break;
    await Promise.race(waits);
  }
  await Promise.all(running);
  return results;
}
