import type { MonitorPlan, MonitorWindow } from './availability/plan';
import type { SiteAvailability } from './availability/summary';
import type { LinkVerdict } from './net/classify';
import type { PageLink } from './links/collect';

/**
 * Messages of the availability monitor and the link checker: merged into the registry of
 * utils/messages.ts; who may send them and their shapes in CHECK_MESSAGE_RULES
 * (utils/check-message-rules.ts), handlers in entrypoints/background/checks.ts. Extension pages only.
 */
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
  /** The page the link is on (its findings go to that page). */
  pageUrl: string;
}

/** A page whose links a run checks: the tab's page, or each roster home page (read first). */
export interface LinkPage {
  url: string;
  /** Roster name before the page is read, then its <title>. */
  title: string;
  /** A roster home page: 'pending' until read; 'failed' when it did not open (its links unknown). */
  state: 'pending' | 'read' | 'failed';
  reason: string;
  /** Links found on it (the run checks at most LINK_LIMITS.linksPerPage of them). */
  total: number;
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
  pages: LinkPage[];
  /** Links not checked: no host access for them (external sites need the optional grant). */
  unchecked: number;
  startedAt: number;
  endedAt: number | null;
  error: string;
}

export interface CheckMessages {
  /** Start a window for the round's roster; `plan` defaults to 7 days × 24 probes (dayMs/timeoutMs: tests only). */
  'monitor:start': { req: { plan?: Partial<MonitorPlan> }; res: { window: MonitorWindow } };
  'monitor:stop': { req: Record<never, never>; res: { ok: true } };
  'monitor:status': { req: Record<never, never>; res: MonitorStatus };
  /** Check the links of this tab's top page. */
  'links:check': { req: { tabId: number }; res: { run: LinkRun } };
  /** Read every roster home page (without cookies) and check the links on it. */
  'links:roster': { req: Record<never, never>; res: { run: LinkRun } };
  /** Check the links a finished run left 未检查 (after the inspector granted host access). */
  'links:recheck': { req: { tabId: number | 'roster' }; res: { run: LinkRun } };
  'links:status': { req: { tabId: number | 'roster' }; res: { run: LinkRun | null } };
  'links:stop': { req: { tabId: number | 'roster' }; res: { ok: true } };
  /**
   * 网络错误诊断 (the optional webRequest permission): `held`, granted; `active`, in effect (Chrome
   * applies a grant only when the extension is next loaded, i.e. after a browser restart).
   */
  'net:diagnostics': { req: Record<never, never>; res: { held: boolean; active: boolean } };
}
