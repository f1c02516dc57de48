import type { CheckRule } from '../check-rule';
import type { SiteAvailability } from '../../availability/summary';
import { V2 } from '../../availability/plan';
import { KIND_LABEL } from '../../net/classify';
import { durationText } from '../../availability/summary';

/** Failed probes quoted in the finding's evidence; the full log stays in the monitor. */
const LOG_LINES = 12;

/**
 * 站点无法访问 (单项否决 V2): over a complete monitoring window, failed home-page visits reach 5 %
 * of all visits. An incomplete window (running, stopped, or fewer than 20 probes on a day)
 * never fires: summarise() gives it no verdict.
 */
export const rule: CheckRule<SiteAvailability> = {
  meta: {
    id: 'site-unreachable',
    title: '站点无法访问',
    indicator: '国办秘函〔2019〕19号 单项否决 V2 站点无法访问（监测1周，每天至少20次，15秒无响应计失败，失败达5%）',
    severity: 'veto',
    category: '可用性',
    description: '可用性监测窗口（默认7天、每天24次）内首页访问失败次数占比达到5%。',
  },
  check(a) {
    if (a.verdict !== 'veto') return [];
    const pct = (a.share * 100).toFixed(1);
    const log = a.failures
      .slice(0, LOG_LINES)
      .map((p) => `${stamp(p.at ?? p.scheduledAt)} ${p.kind === 'http' ? `HTTP ${p.status}` : KIND_LABEL[p.kind]}${p.ms !== null ? ` ${Math.round(p.ms)}ms` : ''}`)
      .join('；');
    return [
      {
        message: `监测期内首页访问 ${a.done} 次，失败 ${a.failed} 次（${pct}%），达到${V2.vetoShare * 100}%的单项否决标准`,
        quote: null,
        key: a.host,
        detail: {
          host: a.host,
          done: a.done,
          failed: a.failed,
          share: Number(pct),
          longestOutage: durationText(a.longestOutageMs),
          probeLog: a.failures.length > LOG_LINES ? `${log}；……共 ${a.failures.length} 次失败` : log,
        },
      },
    ];
  },
};

/** China time, as the 通报 quote it: 2025-03-12 14:05. */
function stamp(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
