// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { rule } from './site-unreachable';
import { DEFAULT_PLAN, slotCount, slotTime, windowEnd, type MonitorWindow, type ProbeRecord } from '../../availability/plan';
import { summarise } from '../../availability/summary';

const w: MonitorWindow = {
  id: 'w',
  roundId: '2025Q1',
  startedAt: Date.UTC(2025, 2, 3),
  plan: { ...DEFAULT_PLAN },
  targets: [{ host: 'a.gov.cn', url: 'http://a.gov.cn/', siteIds: ['a'], name: '甲县' }],
  state: 'running',
  endedAt: null,
};

function run(failing: (s: number) => boolean, upTo = slotCount(w.plan)): ProbeRecord[] {
  return Array.from({ length: upTo }, (_, s) => {
    const at = slotTime(w, 0, s);
    const fail = failing(s);
    return { windowId: 'w', host: 'a.gov.cn', slot: s, scheduledAt: at, at, ms: fail ? 15_000 : 80, outcome: fail ? 'fail' : 'ok', kind: fail ? 'timeout' : 'ok', status: fail ? null : 200, error: '' } as ProbeRecord;
  });
}

describe('site-unreachable', () => {
  it('fires a veto with the probe log after a complete window at ≥ 5 % failures', () => {
    const [a] = summarise(w, run((s) => s >= 100 && s < 110), windowEnd(w) + 1);
    const found = rule.check(a!);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('失败 10 次（6.0%）');
    expect(found[0]!.detail).toMatchObject({ done: 168, failed: 10, longestOutage: '10 小时' });
    expect(String(found[0]!.detail!.probeLog)).toContain('2025-03-07 12:00 超时无响应 15000ms');
  });

  it('does not fire below 5 %, nor on an incomplete window however bad', () => {
    const [below] = summarise(w, run((s) => s < 8), windowEnd(w) + 1);
    expect(rule.check(below!)).toHaveLength(0);
    const [running] = summarise(w, run(() => true, 40), slotTime(w, 0, 40));
    expect(rule.check(running!)).toEqual([]);
  });
});
