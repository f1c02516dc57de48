import { V2, slotCount, windowEnd, type MonitorWindow, type ProbeRecord } from './plan';

/**
 * Per-site availability over a monitoring window, and the 站点无法访问 verdict. A verdict is given
 * only for a complete window that meets the indicator (7 days, ≥ 20 probes done every day):
 * a running, stopped or thin window says why and gives none.
 */

export type SlotState = 'ok' | 'fail' | 'missed' | 'pending';

export interface SiteAvailability {
  host: string;
  url: string;
  name: string;
  siteIds: string[];
  planned: number;
  done: number;
  failed: number;
  missed: number;
  /** failed / done, 0 when nothing is done yet. */
  share: number;
  /** Longest run of consecutive failed probes, from the first failure to the next success (or the last failure). */
  longestOutageMs: number;
  longestOutageFrom: number | null;
  /** Probes done per day of the window. */
  perDay: number[];
  /** One state per slot, in time order: the small timeline. */
  timeline: SlotState[];
  /** Failed probes, oldest first, for the evidence. */
  failures: ProbeRecord[];
  complete: boolean;
  /** Chinese reason the window gives no verdict for this site (empty when complete). */
  incompleteReason: string;
  /** 'veto' when failures reach 5 % of a complete window, 'pass' below, null without a verdict. */
  verdict: 'veto' | 'pass' | null;
}

export function summarise(w: MonitorWindow, probes: ProbeRecord[], now: number): SiteAvailability[] {
  const byHost = new Map<string, ProbeRecord[]>();
  for (const p of probes) {
    if (p.windowId !== w.id) continue;
    const list = byHost.get(p.host) ?? [];
    list.push(p);
    byHost.set(p.host, list);
  }
  const total = slotCount(w.plan);
  const planReason = planShortfall(w);
  const ended = w.state === 'finished' || now >= windowEnd(w);
  return w.targets.map((t) => {
    const slots: (ProbeRecord | undefined)[] = new Array(total);
    for (const p of byHost.get(t.host) ?? []) if (p.slot >= 0 && p.slot < total) slots[p.slot] = p;
    const timeline: SlotState[] = [];
    const perDay = new Array<number>(w.plan.days).fill(0);
    const failures: ProbeRecord[] = [];
    let done = 0;
    let missed = 0;
    let outageFrom: number | null = null;
    let outageLast = 0;
    let longest = 0;
    let longestFrom: number | null = null;
    const closeOutage = (end: number) => {
      if (outageFrom === null) return;
      if (end - outageFrom > longest || longestFrom === null) {
        longest = end - outageFrom;
        longestFrom = outageFrom;
      }
      outageFrom = null;
    };
    for (let s = 0; s < total; s++) {
      const p = slots[s];
      if (!p) {
        timeline.push('pending');
        continue;
      }
      timeline.push(p.outcome);
      if (p.outcome === 'missed') {
        missed++;
        continue;
      }
      done++;
      perDay[Math.floor(s / w.plan.probesPerDay)]!++;
      const when = p.at ?? p.scheduledAt;
      if (p.outcome === 'fail') {
        failures.push(p);
        if (outageFrom === null) outageFrom = when;
        outageLast = when;
      } else {
        closeOutage(when);
      }
    }
    closeOutage(outageLast);
    const failed = failures.length;
    const pending = timeline.filter((x) => x === 'pending').length;
    let reason = '';
    if (w.state === 'stopped') reason = '监测已提前停止，窗口不完整';
    else if (!ended || pending) reason = `监测进行中（已完成 ${done + missed}/${total} 次）`;
    else if (planReason) reason = planReason;
    else {
      const thin = perDay.findIndex((n) => n < V2.visitsPerDay);
      if (thin >= 0) reason = `第 ${thin + 1} 天仅完成 ${perDay[thin]} 次探测（指标要求每天至少 ${V2.visitsPerDay} 次），浏览器未运行的时段不计`;
    }
    const complete = reason === '';
    const share = done ? failed / done : 0;
    return {
      host: t.host,
      url: t.url,
      name: t.name,
      siteIds: t.siteIds,
      planned: total,
      done,
      failed,
      missed,
      share,
      longestOutageMs: longest,
      longestOutageFrom: longestFrom,
      perDay,
      timeline,
      failures,
      complete,
      incompleteReason: reason,
      verdict: complete ? (share >= V2.vetoShare ? 'veto' : 'pass') : null,
    };
  });
}

/** The plan itself cannot support a verdict: fewer days or visits than the indicator asks for. */
export function planShortfall(w: Pick<MonitorWindow, 'plan'>): string {
  if (w.plan.days < V2.days) return `监测方案仅 ${w.plan.days} 天，指标要求连续监测 ${V2.days} 天`;
  if (w.plan.probesPerDay < V2.visitsPerDay) return `监测方案每天仅 ${w.plan.probesPerDay} 次，指标要求每天至少 ${V2.visitsPerDay} 次`;
  return '';
}

/** "3 小时 20 分" / "45 秒": outage lengths as inspectors read them. */
export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} 秒`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} 分钟`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h < 24) return rest ? `${h} 小时 ${rest} 分` : `${h} 小时`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} 天 ${h % 24} 小时` : `${d} 天`;
}
