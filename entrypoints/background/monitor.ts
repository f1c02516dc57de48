import { browser } from 'wxt/browser';
import type { InspectorDB } from '../../utils/db/db';
import * as checks from '../../utils/db/checks';
import { dueSlots, slotCount, slotKey, checkPlan, targetsOf, intervalOf, type MonitorPlan, type MonitorWindow, type ProbeRecord, type SlotRef } from '../../utils/availability/plan';
import { summarise } from '../../utils/availability/summary';
import { classifyProbe } from '../../utils/net/classify';
import type { MonitorStatus } from '../../utils/check-messages';
import { canReach, request } from './net';

/**
 * The availability monitor's glue: chrome.alarms wakes the worker at each slot, everything it
 * knows is in Dexie (the window and every probe), so a worker that slept or a browser that
 * restarted simply resumes; probes in flight when the worker died are re-run within their grace.
 */
export const ALARM = 'availability-monitor';

/** Slots being probed by this worker instance: lost with it, which is what lets them re-run. */
const inFlight = new Set<string>();
/**
 * Slots already recorded in the window, read from Dexie once per worker life and kept in step
 * with every write (this worker is the log's only writer): ticks come every few seconds in a
 * big roster, and must not re-read thousands of keys each time.
 */
let recorded: { windowId: string; keys: Set<string> } | null = null;
/** The running window as last read or written here (undefined: not read yet in this worker life). */
let current: MonitorWindow | null | undefined;
let chain: Promise<void> = Promise.resolve();
let timer: ReturnType<typeof setTimeout> | undefined;

export function createMonitor(db: InspectorDB) {
  /** Ticks never overlap: two wake-ups at once must not start one slot twice. */
  const tick = () => (chain = chain.then(runTick, runTick));

  async function runTick(): Promise<void> {
    // Ticks come every few hundred milliseconds in a big roster: no database read unless needed.
    if (current === undefined) current = (await checks.runningWindow(db)) ?? null;
    const w = current;
    if (!w) {
      await browser.alarms.clear(ALARM);
      return;
    }
    if (recorded?.windowId !== w.id) {
      const keys = (await db.probes.where('windowId').equals(w.id).primaryKeys()) as [string, string, number][];
      recorded = { windowId: w.id, keys: new Set(keys.map(([, host, slot]) => slotKey(host, slot))) };
    }
    const done = recorded.keys;
    const now = Date.now();
    const { due, missed, next } = dueSlots(w, done, inFlight, now);
    await checks.recordProbes(db, missed.map((s) => missedRecord(w, s)));
    for (const s of missed) done.add(slotKey(s.host, s.slot));
    for (const s of due) {
      const key = slotKey(s.host, s.slot);
      inFlight.add(key);
      void probe(w, s)
        .then(async (r) => {
          await checks.recordProbes(db, [r]);
          done.add(key);
        })
        .catch((e: unknown) => console.warn('[巡检助手] 记录探测失败', e))
        .finally(() => {
          inFlight.delete(key);
          if (next === null) void tick(); // the last probes: finish the window once they land
        });
    }
    const total = slotCount(w.plan) * w.targets.length;
    if (next === null && !due.length && !inFlight.size && done.size >= total) {
      await checks.endWindow(db, w.id, 'finished');
      current = null;
      const ended = await db.monitorWindows.get(w.id);
      if (ended) await checks.saveWindowVerdicts(db, ended);
      await browser.alarms.clear(ALARM);
      return;
    }
    schedule(w, next ?? now + Math.min(w.plan.timeoutMs, 5_000));
  }

  /**
   * The alarm is what survives the worker; the in-memory timer only sharpens it when the next
   * slot is near (an unpacked build's alarms may fire each second, a packed one's every 30 s).
   */
  function schedule(w: MonitorWindow, at: number) {
    const periodInMinutes = Math.max(0.5, Math.min(60, intervalOf(w.plan) / 60_000));
    void browser.alarms.create(ALARM, { when: Math.max(at, Date.now() + 1_000), periodInMinutes });
    clearTimeout(timer);
    const delay = at - Date.now();
    if (delay < 25_000) timer = setTimeout(() => void tick(), Math.max(0, delay));
  }

  async function start(planIn: Partial<MonitorPlan> | undefined): Promise<MonitorWindow> {
    const checked = checkPlan(planIn ?? {});
    if ('error' in checked) throw new Error(checked.error);
    const targets = targetsOf(await db.sites.toArray());
    // A site outside gov.cn without the roster's host grant would fail every probe on CORS,
    // which says nothing about the site: refuse instead of vetoing it.
    const blocked: string[] = [];
    for (const t of targets) if (!(await canReach(t.url))) blocked.push(t.host);
    if (blocked.length) throw new Error(`以下网站尚未授权访问，无法监测：${blocked.join('、')}。请在“网站名单”中重新导入并允许访问这些网站。`);
    const w = await checks.startWindow(db, checked.plan, targets);
    current = w;
    void tick();
    return w;
  }

  async function stop(): Promise<void> {
    const w = await checks.runningWindow(db);
    if (w) await checks.endWindow(db, w.id, 'stopped');
    current = null;
    clearTimeout(timer);
    await browser.alarms.clear(ALARM);
  }

  async function status(): Promise<MonitorStatus> {
    const w = (await checks.latestWindow(db)) ?? null;
    const now = Date.now();
    if (!w) return { window: null, sites: [], recorded: 0, planned: 0, now };
    const probes = await checks.windowProbes(db, w.id);
    return { window: w, sites: summarise(w, probes, now), recorded: probes.length, planned: slotCount(w.plan) * w.targets.length, now };
  }

  return { tick, start, stop, status };
}

function missedRecord(w: MonitorWindow, s: SlotRef): ProbeRecord {
  return { windowId: w.id, host: s.host, slot: s.slot, scheduledAt: s.scheduledAt, at: null, ms: null, outcome: 'missed', kind: 'missed', status: null, error: '' };
}

/** One visit of a roster home page: only the window's own targets are ever requested. */
async function probe(w: MonitorWindow, s: SlotRef): Promise<ProbeRecord> {
  const target = w.targets.find((t) => t.host === s.host);
  if (!target || new URL(target.url).hostname !== s.host) throw new Error(`不在名单中的主机：${s.host}`);
  const at = Date.now();
  const r = await request(target.url, { method: 'GET', timeoutMs: w.plan.timeoutMs });
  const c = classifyProbe(r);
  const outcome = c.ok ? 'ok' : c.kind === 'missed' ? 'missed' : 'fail';
  return { windowId: w.id, host: s.host, slot: s.slot, scheduledAt: s.scheduledAt, at, ms: r.ms, outcome, kind: c.kind, status: r.status, error: r.netError ?? (r.timedOut ? `${w.plan.timeoutMs / 1000} 秒无响应` : r.status === null ? c.reason : '') };
}
