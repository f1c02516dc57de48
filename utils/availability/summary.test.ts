// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, slotCount, slotTime, windowEnd, type MonitorWindow, type ProbeRecord } from './plan';
import { durationText, planShortfall, summarise } from './summary';

function win(over: Partial<MonitorWindow> = {}): MonitorWindow {
  return {
    id: 'w1',
    roundId: '2025Q1',
    startedAt: 0,
    plan: { ...DEFAULT_PLAN },
    targets: [{ host: 'a.gov.cn', url: 'http://a.gov.cn/', siteIds: ['a'], name: '甲县' }],
    state: 'running',
    endedAt: null,
    ...over,
  };
}

/** Every slot probed; `fail(slot)` says which failed, `miss(slot)` which were never probed. */
function probes(w: MonitorWindow, fail: (s: number) => boolean, miss: (s: number) => boolean = () => false, upTo = slotCount(w.plan)): ProbeRecord[] {
  const out: ProbeRecord[] = [];
  for (let s = 0; s < upTo; s++) {
    const at = slotTime(w, 0, s);
    const outcome = miss(s) ? 'missed' : fail(s) ? 'fail' : 'ok';
    out.push({ windowId: w.id, host: 'a.gov.cn', slot: s, scheduledAt: at, at: outcome === 'missed' ? null : at, ms: 100, outcome, kind: outcome === 'fail' ? 'timeout' : outcome === 'ok' ? 'ok' : 'missed', status: outcome === 'ok' ? 200 : null, error: '' });
  }
  return out;
}

describe('availability summary and the V2 verdict', () => {
  it('vetoes a complete window at exactly 5 % failed and passes one just below', () => {
    const w = win();
    const after = windowEnd(w) + 1;
    // 168 probes: 9 failures = 5.36 % ≥ 5 %; 8 = 4.76 %
    const [veto] = summarise(w, probes(w, (s) => s % 18 === 0 && s < 162), after);
    expect(veto).toMatchObject({ done: 168, failed: 9, complete: true, verdict: 'veto' });
    const [pass] = summarise(w, probes(w, (s) => s % 20 === 0 && s < 160), after);
    expect(pass).toMatchObject({ failed: 8, complete: true, verdict: 'pass' });
  });

  it('gives no verdict while the window runs, even with every probe failing', () => {
    const w = win();
    const [s] = summarise(w, probes(w, () => true, undefined, 50), slotTime(w, 0, 50));
    expect(s).toMatchObject({ done: 50, failed: 50, complete: false, verdict: null });
    expect(s!.incompleteReason).toContain('监测进行中');
    expect(s!.timeline.filter((x) => x === 'pending')).toHaveLength(118);
  });

  it('gives no verdict for a stopped window', () => {
    const w = win({ state: 'stopped', endedAt: 100 });
    const [s] = summarise(w, probes(w, () => true, undefined, 30), windowEnd(w) + 1);
    expect(s!.verdict).toBe(null);
    expect(s!.incompleteReason).toContain('提前停止');
  });

  it('gives no verdict when a day has fewer than 20 probes done (browser closed at night)', () => {
    const w = win();
    const [s] = summarise(w, probes(w, (x) => x % 10 === 0, (x) => x >= 24 && x < 29), windowEnd(w) + 1);
    expect(s).toMatchObject({ missed: 5, complete: false, verdict: null });
    expect(s!.perDay[1]).toBe(19);
    expect(s!.incompleteReason).toContain('第 2 天仅完成 19 次');
    // 4 missed on a day still leaves 20: a verdict
    const [ok] = summarise(w, probes(w, () => false, (x) => x >= 24 && x < 28), windowEnd(w) + 1);
    expect(ok).toMatchObject({ complete: true, verdict: 'pass' });
  });

  it('refuses a verdict for a plan thinner than the indicator', () => {
    const w = win({ plan: { ...DEFAULT_PLAN, probesPerDay: 12 } });
    expect(planShortfall(w)).toContain('每天至少 20 次');
    const [s] = summarise(w, probes(w, () => true), windowEnd(w) + 1);
    expect(s!.verdict).toBe(null);
  });

  it('measures the longest outage from the first failure to the next success', () => {
    const w = win();
    const failing = new Set([3, 4, 5, 40, 41, 42, 43, 44, 100]);
    const [s] = summarise(w, probes(w, (x) => failing.has(x)), windowEnd(w) + 1);
    expect(s!.longestOutageMs).toBe(5 * 3_600_000);
    expect(s!.longestOutageFrom).toBe(slotTime(w, 0, 40));
    expect(s!.failures.map((f) => f.slot)).toEqual([3, 4, 5, 40, 41, 42, 43, 44, 100]);
  });

  it('writes durations as inspectors read them', () => {
    expect(durationText(45_000)).toBe('45 秒');
    expect(durationText(5 * 3_600_000)).toBe('5 小时');
    expect(durationText(26 * 3_600_000)).toBe('1 天 2 小时');
  });
});
