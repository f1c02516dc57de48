// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { runQueue } from './queue';

/** Fake time: sleeps and request durations advance a shared clock in order. */
function fakeClock() {
  let now = 0;
  const timers: { at: number; fire: () => void }[] = [];
  const sleep = (ms: number) => new Promise<void>((r) => timers.push({ at: now + ms, fire: r }));
  async function settle() {
    for (let i = 0; i < 10_000; i++) {
      await new Promise((r) => setImmediate(r));
      if (!timers.length) return;
      timers.sort((a, b) => a.at - b.at);
      const t = timers.shift()!;
      now = Math.max(now, t.at);
      t.fire();
    }
  }
  return { now: () => now, sleep, settle };
}

describe('polite request queue', () => {
  it('keeps the concurrency limit, one request per host at a time and the per-host gap', async () => {
    const clock = fakeClock();
    const items = ['a/1', 'a/2', 'a/3', 'b/1', 'b/2', 'c/1', 'd/1'];
    const starts: { item: string; at: number }[] = [];
    let running = 0;
    let peak = 0;
    const done = runQueue(
      items,
      async (item) => {
        starts.push({ item, at: clock.now() });
        running++;
        peak = Math.max(peak, running);
        await clock.sleep(100);
        running--;
        return item.toUpperCase();
      },
      { concurrency: 2, perHostGapMs: 500, hostOf: (i) => i.split('/')[0]!, now: clock.now, sleep: clock.sleep },
    );
    await clock.settle();
    const results = await done;
    expect(results.map((r) => (r.status === 'done' ? r.value : r.status))).toEqual(items.map((i) => i.toUpperCase()));
    expect(peak).toBe(2);
    for (const host of ['a', 'b']) {
      const at = starts.filter((s) => s.item.startsWith(host)).map((s) => s.at);
      for (let k = 1; k < at.length; k++) expect(at[k]! - at[k - 1]!).toBeGreaterThanOrEqual(500);
    }
    // other hosts fill the gaps instead of waiting behind host a
    expect(starts.findIndex((s) => s.item === 'c/1')).toBeLessThan(starts.findIndex((s) => s.item === 'a/2'));
  });

  it('stops on abort: items not started are skipped, errors are reported per item', async () => {
    const ctrl = new AbortController();
    const results = await runQueue(
      [1, 2, 3, 4, 5],
      async (n) => {
        if (n === 2) ctrl.abort();
        if (n === 1) throw new Error('boom');
        return n;
      },
      { concurrency: 1, perHostGapMs: 0, hostOf: (n) => String(n), signal: ctrl.signal },
    );
    expect(results.map((r) => r.status)).toEqual(['error', 'done', 'skipped', 'skipped', 'skipped']);
  });

  it('keeps the per-host gap across two queues sharing one lastStart map (home page, then its links)', async () => {
    const clock = fakeClock();
    const lastStart = new Map<string, number>();
    const starts: { item: string; at: number }[] = [];
    const work = async (item: string) => {
      starts.push({ item, at: clock.now() });
      await clock.sleep(100);
    };
    const opts = { concurrency: 4, perHostGapMs: 500, hostOf: (i: string) => i.split('/')[0]!, now: clock.now, sleep: clock.sleep, lastStart };
    const first = runQueue(['a/home', 'b/home'], work, opts);
    await clock.settle();
    await first;
    const second = runQueue(['a/1', 'b/1', 'c/1'], work, opts);
    await clock.settle();
    await second;
    const at = Object.fromEntries(starts.map((s) => [s.item, s.at]));
    expect(at['a/1']! - at['a/home']!).toBeGreaterThanOrEqual(500);
    expect(at['b/1']! - at['b/home']!).toBeGreaterThanOrEqual(500);
    // a host the first queue never touched is not held back
    expect(at['c/1']).toBe(100);
  });
});
