import { browser } from 'wxt/browser';
import type { Dismissal, Finding, PageRecord, Round, Settings, Site } from './db/types';
import type { FindingPatch, ManualInput } from './db/repo';
import type { ScanContext, ScanResult } from './scan/types';
import type { SuspectHit } from './text/suspect/tiers';

/**
 * Every message between content scripts, extension pages and the background.
 * The background owns the database; everybody else asks it.
 */
export type Request =
  /** `names`: also send the official-name data (a content script asks once, then keeps it). */
  | { type: 'scan:context'; url: string; names?: boolean }
  | { type: 'scan:result'; result: ScanResult }
  | { type: 'scan:failed'; url: string; reason: string }
  | { type: 'findings:page'; url: string }
  | { type: 'findings:site'; url: string }
  | { type: 'finding:update'; id: string; patch: FindingPatch }
  | { type: 'finding:manual'; input: ManualInput }
  | { type: 'export:sheets'; includeOpen?: boolean }
  | { type: 'settings:get' }
  | { type: 'settings:set'; patch: Partial<Omit<Settings, 'id'>> }
  | { type: 'round:set'; roundId: string; monitoringDate: string }
  | { type: 'finding:screenshot'; id: string }
  | { type: 'screenshot:get'; id: string }
  | { type: 'tab:findings'; tabId: number }
  | { type: 'dismissals:list'; url: string }
  | { type: 'dismissal:restore'; key: string }
  | { type: 'newmedia:seen'; account: string; date: string; url: string }
  /** suspected-typo: the page's texts for the offscreen language model (entrypoints/offscreen). */
  | { type: 'typo:check'; texts: string[]; terms: string[] };

export interface Responses {
  'scan:context': { ctx: ScanContext; findings: Finding[] };
  'scan:result': { findings: Finding[] };
  'scan:failed': { ok: true };
  'findings:page': { findings: Finding[] };
  'findings:site': { site: Site | null; findings: Finding[]; pages: PageRecord[]; round: Round };
  'finding:update': { finding: Finding };
  'finding:manual': { finding: Finding };
  'export:sheets': { files: { name: string; content: string }[] };
  'settings:get': { settings: Settings; round: Round };
  'settings:set': { settings: Settings };
  'round:set': { round: Round };
  'finding:screenshot': { screenshotId: string };
  'screenshot:get': { dataUrl: string | null };
  'tab:findings': { url: string; findings: Finding[] };
  'dismissals:list': { dismissals: Dismissal[] };
  'dismissal:restore': { ok: true };
  'newmedia:seen': { siteId: string | null };
  'typo:check': { hits: SuspectHit[][]; ms: number };
}

/** Messages from the background or the side panel to a tab's content scripts. */
export type TabMessage =
  | { type: 'flag:start'; srcUrl: string | null }
  | { type: 'findings:changed' }
  | { type: 'mark:locate'; id: string }
  | { type: 'marks:status' }
  | { type: 'marks:active' };

export interface MarksStatus {
  orphans: string[];
}

/** Replies carry either the answer or a Chinese error for the user; nothing fails silently. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export async function send<R extends Request>(req: R): Promise<Responses[R['type']]> {
  const reply = (await browser.runtime.sendMessage(req)) as Reply<Responses[R['type']]> | undefined;
  if (!reply) throw new Error('扩展后台没有响应，请重新加载页面');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}
