import type { MonitorPlan, MonitorWindow } from './availability/plan';
import type { SiteAvailability } from './availability/summary';
import type { LinkVerdict } from './net/classify';
import type { PageLink } from './links/collect';

/**
 * Messages of the availability monitor and the link checker (issue 19), kept apart from
 * utils/messages.ts so they can be re-wired into its registry; extension pages only.
 */
export type CheckRequest =
  | { type: 'monitor:start'; plan?: Partial<MonitorPlan> }
  | { type: 'monitor:stop' }
  | { type: 'monitor:status' }
  | { type: 'links:check'; tabId: number }
  | { type: 'links:roster' }
  | { type: 'links:status'; tabId: number | 'roster' }
  | { type: 'links:stop'; tabId: number | 'roster' };

export interface MonitorStatus {
  window: MonitorWindow | null;
  sites: SiteAvailability[];
  /** Probes recorded so far in the window (all hosts). */
  recorded: number;
  planned: number;
  now: number;
}

export interface LinkResult {
  link: PageLink;
  verdict: LinkVerdict;
}

export interface LinkRun {
  key: number | 'roster';
  pageUrl: string;
  pageTitle: string;
  state: 'running' | 'done' | 'stopped' | 'failed';
  /** Links on the page, and how many of them this run checks (bounded). */
  total: number;
  planned: number;
  checked: number;
  results: LinkResult[];
  /** Links not checked: no host access for them (external sites need the optional grant). */
  unchecked: number;
  startedAt: number;
  endedAt: number | null;
  error: string;
}

export interface CheckResponses {
  'monitor:start': { window: MonitorWindow };
  'monitor:stop': { ok: true };
  'monitor:status': MonitorStatus;
  'links:check': { run: LinkRun };
  'links:roster': { run: LinkRun };
  'links:status': { run: LinkRun | null };
  'links:stop': { ok: true };
}

const TYPES = new Set<CheckRequest['type']>(['monitor:start', 'monitor:stop', 'monitor:status', 'links:check', 'links:roster', 'links:status', 'links:stop']);

export function isCheckRequest(req: { type?: unknown }): req is CheckRequest {
  return typeof req?.type === 'string' && TYPES.has(req.type as CheckRequest['type']);
}
