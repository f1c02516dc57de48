// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, checkPlan, dueSlots, graceOf, intervalOf, slotKey, slotTime, targetsOf, windowEnd, type MonitorWindow } from './plan';

const HOUR = 3_600_000;
function win(hosts: string[], over: Partial<MonitorWindow> = {}): MonitorWindow {
  return {
    id: 'w1',
    roundId: '2025Q1',
    startedAt: 1_000_000,
    plan: { ...DEFAULT_PLAN },
    targets: hosts.map((h) => ({ host: h, url: `http://${h}/`, siteIds: [h], name: h })),
    state: 'running',
    endedAt: null,
    ...over,
  };
}

describe('monitor schedule', () => {
  it('gives each host 7 × 24 slots exactly one interval apart, hosts spread over the interval', () => {
    const w = win(['a.gov.cn', 'b.gov.cn', 'c.gov.cn', 'd.gov.cn']);
    expect(intervalOf(w.plan)).toBe(HOUR);
    for (let i = 0; i < 4; i++) {
      expect(slotTime(w, i, 0)).toBe(w.startedAt + (i * HOUR) / 4);
      for (let k = 1; k < 168; k++) expect(slotTime(w, i, k) - slotTime(w, i, k - 1)).toBe(HOUR);
    }
    // no two hosts start together
    expect(new Set([0, 1, 2, 3].map((i) => slotTime(w, i, 5))).size).toBe(4);
    expect(windowEnd(w)).toBe(slotTime(w, 3, 167) + graceOf(w.plan));
  });

  it('probes due slots once, skips recorded and in-flight ones, and says when to wake', () => {
    const w = win(['a.gov.cn', 'b.gov.cn']);
    const now = w.startedAt + 10;
    const first = dueSlots(w, new Set(), new Set(), now);
    expect(first.due.map((s) => s.host)).toEqual(['a.gov.cn']);
    expect(first.next).toBe(w.startedAt + HOUR / 2);
    const again = dueSlots(w, new Set(), new Set([slotKey('a.gov.cn', 0)]), now);
    expect(again.due).toHaveLength(0);
    expect(dueSlots(w, new Set([slotKey('a.gov.cn', 0)]), new Set(), now).due).toHaveLength(0);
  });

  it('after a long sleep probes only the slot still in its grace and records the rest as missed', () => {
    const w = win(['a.gov.cn']);
    const now = w.startedAt + 5 * HOUR + 10 * 60_000; // 10 minutes after slot 5
    const r = dueSlots(w, new Set([slotKey('a.gov.cn', 0)]), new Set(), now);
    expect(r.due.map((s) => s.slot)).toEqual([5]);
    expect(r.missed.map((s) => s.slot)).toEqual([1, 2, 3, 4]);
    expect(r.next).toBe(w.startedAt + 6 * HOUR);
  });

  it('does nothing for a stopped window', () => {
    const w = win(['a.gov.cn'], { state: 'stopped' });
    expect(dueSlots(w, new Set(), new Set(), w.startedAt + 3 * HOUR)).toEqual({ due: [], missed: [], next: null });
  });

  it('refuses plans outside the limits with a Chinese reason', () => {
    expect(checkPlan({ days: 0 })).toEqual({ error: expect.stringContaining('监测天数') });
    expect(checkPlan({ probesPerDay: 2.5 })).toEqual({ error: expect.stringContaining('每天探测次数') });
    expect(checkPlan({ days: 7, probesPerDay: 24 })).toEqual({ plan: DEFAULT_PLAN });
  });

  it('makes one target per roster home host, shared by sites on the same host, skipping new media', () => {
    const t = targetsOf([
      { id: 'a', name: '甲县', url: 'www.a.gov.cn', kind: 'website', onRoster: true },
      { id: 'a2', name: '甲县政务公开', url: 'http://www.a.gov.cn/zwgk/', kind: 'website', onRoster: true },
      { id: 'wx', name: '公众号', url: '', kind: 'newmedia', onRoster: true },
      { id: 'v', name: '访问过的', url: 'http://v.gov.cn/', kind: 'website', onRoster: false },
      { id: 'b', name: '乙局', url: 'https://b.example.org/', kind: 'website', onRoster: true },
    ]);
    expect(t.map((x) => [x.host, x.url, x.siteIds])).toEqual([
      ['www.a.gov.cn', 'http://www.a.gov.cn/', ['a', 'a2']],
      ['b.example.org', 'https://b.example.org/', ['b']],
    ]);
  });
});
