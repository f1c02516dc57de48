/**
 * The availability monitor's schedule (站点无法访问, 国办秘函〔2019〕19号 单项否决 V2): every roster host
 * is probed at fixed slots over the window. Pure: the background passes the clock and what is
 * already recorded, and gets back which slots to probe now, which can no longer be probed, and
 * when to wake up next. Nothing here knows about alarms or fetch.
 */

/** What the indicator asks for: one week, at least 20 visits a day, 15 s per visit, veto at 5 %. */
export const V2 = { days: 7, visitsPerDay: 20, timeoutMs: 15_000, vetoShare: 0.05 } as const;

export const DAY_MS = 86_400_000;

export interface MonitorPlan {
  days: number;
  probesPerDay: number;
  /**
   * Length of one day of the window. Always DAY_MS for inspectors; tests shorten it to run a
   * whole week in a minute (the verdict counts slots and days, so it is unaffected).
   */
  dayMs: number;
  /** A probe that has no answer after this long has failed (the indicator's 15 s). */
  timeoutMs: number;
}

export const DEFAULT_PLAN: MonitorPlan = { days: 7, probesPerDay: 24, dayMs: DAY_MS, timeoutMs: V2.timeoutMs };

/** Bounds on what a window may ask for: a plan outside them is refused, not clipped. */
export const PLAN_LIMITS = { days: [1, 31], probesPerDay: [1, 96], dayMs: [2_000, DAY_MS], timeoutMs: [500, 60_000] } as const;

/** One probed host; several roster sites may share it (they share its probes, never double them). */
export interface MonitorTarget {
  /** Lower-case host: the unit of politeness and the key of its probes. */
  host: string;
  /** The home page probed. */
  url: string;
  siteIds: string[];
  name: string;
}

export type WindowState = 'running' | 'stopped' | 'finished';

export interface MonitorWindow {
  id: string;
  roundId: string;
  startedAt: number;
  plan: MonitorPlan;
  targets: MonitorTarget[];
  state: WindowState;
  /** When the inspector stopped it (an incomplete window) or it finished. */
  endedAt: number | null;
}

export type ProbeOutcome = 'ok' | 'fail' | 'missed';

/** Why a probe failed, as the inspector reads it in the log (and 'missed' for a slot never probed). */
export type ProbeKind = 'ok' | 'dns' | 'tls' | 'timeout' | 'refused' | 'reset' | 'http' | 'network' | 'missed';

/** One slot of one host, probed or recorded as missed. Written once, never changed. */
export interface ProbeRecord {
  windowId: string;
  host: string;
  slot: number;
  /** Slot time (ms since epoch). */
  scheduledAt: number;
  /** When the request started (null for a missed slot). */
  at: number | null;
  /** Time to the response headers, or to the failure. */
  ms: number | null;
  outcome: ProbeOutcome;
  kind: ProbeKind;
  /** HTTP status of the final response, when there was one. */
  status: number | null;
  /** Browser error (net::ERR_…) or short reason. */
  error: string;
}

export function intervalOf(plan: MonitorPlan): number {
  return plan.dayMs / plan.probesPerDay;
}

export function slotCount(plan: MonitorPlan): number {
  return plan.days * plan.probesPerDay;
}

/**
 * A slot may start until half an interval after its time (the worker asleep, the computer
 * waking up); later, probing would say nothing about that moment, so the slot is recorded as
 * missed. Two probes of one host are therefore never closer than half an interval, and
 * never closer than a full interval when the browser keeps up.
 */
export function graceOf(plan: MonitorPlan): number {
  return intervalOf(plan) / 2;
}

/**
 * Hosts are spread evenly over one interval, so a roster of 53 sites does not fire 53 requests
 * at once, and each host keeps exactly one interval between its own slots.
 */
export function slotTime(w: Pick<MonitorWindow, 'startedAt' | 'plan' | 'targets'>, targetIndex: number, slot: number): number {
  const interval = intervalOf(w.plan);
  const offset = Math.floor((interval * targetIndex) / Math.max(1, w.targets.length));
  return w.startedAt + offset + slot * interval;
}

/** The last moment anything can happen in the window: the last slot's grace has run out. */
export function windowEnd(w: Pick<MonitorWindow, 'startedAt' | 'plan' | 'targets'>): number {
  const last = slotCount(w.plan) - 1;
  return Math.max(...w.targets.map((_, i) => slotTime(w, i, last)), w.startedAt) + graceOf(w.plan);
}

export interface SlotRef {
  host: string;
  url: string;
  slot: number;
  scheduledAt: number;
}

export interface DueSlots {
  /** Probe these now. */
  due: SlotRef[];
  /** Their grace ran out unprobed: record them as missed. */
  missed: SlotRef[];
  /** Next slot time after now (wake-up), or null when nothing is left. */
  next: number | null;
}

/**
 * What to do at `now`, given the keys (`host#slot`) already recorded and those in flight.
 * Slots are independent: a worker that slept through several probes each slot in its
 * grace once and records the rest as missed; none is ever probed twice.
 */
export function dueSlots(w: MonitorWindow, recorded: ReadonlySet<string>, inFlight: ReadonlySet<string>, now: number): DueSlots {
  const out: DueSlots = { due: [], missed: [], next: null };
  if (w.state !== 'running') return out;
  const grace = graceOf(w.plan);
  const total = slotCount(w.plan);
  w.targets.forEach((t, i) => {
    for (let slot = 0; slot < total; slot++) {
      const at = slotTime(w, i, slot);
      if (at > now) {
        if (out.next === null || at < out.next) out.next = at;
        break; // slots of one host are in time order
      }
      const key = slotKey(t.host, slot);
      if (recorded.has(key) || inFlight.has(key)) continue;
      (now - at <= grace ? out.due : out.missed).push({ host: t.host, url: t.url, slot, scheduledAt: at });
    }
  });
  return out;
}

export function slotKey(host: string, slot: number): string {
  return `${host}#${slot}`;
}

/** A plan the inspector (or a test) asked for, checked against PLAN_LIMITS; Chinese reason when refused. */
export function checkPlan(p: Partial<MonitorPlan>): { plan: MonitorPlan } | { error: string } {
  const plan = { ...DEFAULT_PLAN, ...p };
  const labels: Record<keyof MonitorPlan, string> = { days: '监测天数', probesPerDay: '每天探测次数', dayMs: '每天时长', timeoutMs: '超时时间' };
  for (const k of Object.keys(PLAN_LIMITS) as (keyof MonitorPlan)[]) {
    const v = plan[k];
    const [lo, hi] = PLAN_LIMITS[k];
    if (!Number.isFinite(v) || v < lo || v > hi || ((k === 'days' || k === 'probesPerDay') && !Number.isInteger(v))) {
      return { error: `${labels[k]}应在 ${lo}–${hi} 之间` };
    }
  }
  return { plan };
}

/** Roster sites → probe targets: one per home-page host, in roster order. */
export function targetsOf(sites: { id: string; name: string; url: string; kind: string; onRoster: boolean }[]): MonitorTarget[] {
  const byHost = new Map<string, MonitorTarget>();
  for (const s of sites) {
    if (s.kind !== 'website' || !s.onRoster) continue;
    let u: URL;
    try {
      u = new URL(/^https?:\/\//i.test(s.url) ? s.url : `http://${s.url}`);
    } catch {
      continue;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
    const host = u.hostname.toLowerCase();
    const known = byHost.get(host);
    if (known) known.siteIds.push(s.id);
    else byHost.set(host, { host, url: u.href, siteIds: [s.id], name: s.name });
  }
  return Array.from(byHost.values());
}
