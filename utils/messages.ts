import { browser } from 'wxt/browser';
import type { Dismissal, Finding, PageRecord, Round, Settings, Site } from './db/types';
import type { FindingPatch, ManualInput } from './db/repo';
import type { ScanContext, ScanResult } from './scan/types';
import type { SuspectHit } from './text/suspect/tiers';
import type { TextChecks } from './scan/text-checks';
import type { ColumnCorrection } from './scan/column-types';
import type { CorrectionInput } from './db/column-corrections';
import type { CheckMessages } from './check-messages';

/**
 * Every message to the background: what it carries (`req`, without `type`) and what it answers
 * (`res`). The background's handler for each is typed from this map, so a wrong reply shape
 * does not compile; who may send it and its runtime shape check are in ./message-rules.ts.
 *
 * Content-script messages carry no page address: the background takes it from the sender
 * (the page cannot choose which address its findings are filed under).
 *
 * Adding a message: one entry here, one in MESSAGE_RULES (sender + shape), one handler in
 * entrypoints/background.ts. The compiler points at whichever is missing.
 */
export interface Messages extends CheckMessages {
  // (CheckMessages: the availability monitor's and link checker's messages, utils/check-messages.ts.)
  /** `names`: also send the official-name data (a content script asks once, then keeps it). */
  'scan:context': { req: { names?: boolean }; res: { ctx: ScanContext; findings: Finding[] } };
  /** From a content script, `result.url` is replaced by the sender's address. */
  'scan:result': { req: { result: ScanResult }; res: { findings: Finding[] } };
  'scan:failed': { req: { reason: string }; res: { ok: true } };
  /** A content script gets its own page's findings; an extension page names the page (`url`). */
  'findings:page': { req: { url?: string }; res: { findings: Finding[] } };
  'findings:site': { req: { url: string }; res: { site: Site | null; findings: Finding[]; pages: PageRecord[]; round: Round } };
  'finding:update': { req: { id: string; patch: FindingPatch }; res: { finding: Finding } };
  'finding:manual': { req: { input: Omit<ManualInput, 'url'> }; res: { finding: Finding } };
  /** `leftOut`: the 待确认 findings 问题明细 does not list (the popup says so and offers them). */
  'export:sheets': { req: { includeOpen?: boolean }; res: { files: { name: string; content: string }[]; leftOut: number } };
  'settings:get': { req: Record<never, never>; res: { settings: Settings; round: Round } };
  'settings:set': { req: { patch: Partial<Omit<Settings, 'id'>> }; res: { settings: Settings } };
  'round:set': { req: { roundId: string; monitoringDate: string }; res: { round: Round } };
  'finding:screenshot': { req: { id: string }; res: { screenshotId: string } };
  'screenshot:get': { req: { id: string }; res: { dataUrl: string | null } };
  'tab:findings': { req: { tabId: number }; res: { url: string; findings: Finding[] } };
  'dismissals:list': { req: { url: string }; res: { dismissals: Dismissal[] } };
  'dismissal:restore': { req: { key: string }; res: { ok: true } };
  /** An extension page committed a write (utils/db): wakes the worker to refresh badges and open tabs. */
  'db:changed': { req: Record<never, never>; res: { ok: true } };
  /** From the WeChat content script; the article address is the sender's. */
  'newmedia:seen': { req: { account: string; date: string }; res: { siteId: string | null } };
  /** official-name's one-character slips and the lexicon's hits in each text (utils/scan/text-checks.ts). */
  'text:check': { req: { texts: string[] }; res: TextChecks };
  /** suspected-typo: the page's texts for the offscreen language model (entrypoints/offscreen); `ms` is the model's time. */
  'typo:check': { req: { texts: string[]; terms: string[] }; res: { hits: SuspectHit[][]; ms: number } };
  /**
   * a correction made on the page's column map, for the site of the sender's page (the
   * address is the sender's). The dashboard lists and edits them through utils/db directly.
   */
  'column:correct': { req: { input: Omit<CorrectionInput, 'pageUrl'> }; res: { correction: ColumnCorrection } };
  /** the 截图取证 grant page, framed in a tab's panel, reports the inspector's answer. */
  'grant:done': { req: { granted: boolean }; res: { ok: true } };
  /** the page panel's 移到侧边栏 button (a click in the tab, forwarded as a user gesture). */
  'panel:side': { req: Record<never, never>; res: { ok: true } };
}

export type MessageType = keyof Messages;
export type RequestOf<K extends MessageType> = { type: K } & Messages[K]['req'];
export type ResponseOf<K extends MessageType> = Messages[K]['res'];
export type Request = { [K in MessageType]: RequestOf<K> }[MessageType];

/** Messages from the background or the side panel to a tab's content scripts, and their answers. */
export interface TabMessages {
  'flag:start': { req: { srcUrl: string | null }; res: void };
  'findings:changed': { req: Record<never, never>; res: void };
  /** true when this frame holds the mark. */
  'mark:locate': { req: { id: string }; res: boolean };
  'marks:status': { req: Record<never, never>; res: MarksStatus };
  /** The finding the top frame's panel has selected, or null. */
  'marks:active': { req: Record<never, never>; res: string | null };
  /** show / hide the column map (toggle without `show`); answers whether it is shown. */
  'columns:map': { req: { show?: boolean }; res: boolean };
  /** the inspector answered the 截图取证 grant frame in this tab. */
  'grant:done': { req: { granted: boolean }; res: void };
}

export type TabMessageType = keyof TabMessages;
export type TabRequestOf<K extends TabMessageType> = { type: K } & TabMessages[K]['req'];
export type TabMessage = { [K in TabMessageType]: TabRequestOf<K> }[TabMessageType];

export interface MarksStatus {
  orphans: string[];
}

/** Replies carry either the answer or a Chinese error for the user; nothing fails silently. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export async function send<K extends MessageType>(req: RequestOf<K>): Promise<ResponseOf<K>> {
  const reply = (await browser.runtime.sendMessage(req)) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new Error('扩展后台没有响应，请重新加载页面');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

/** A message to a tab's content scripts; undefined when no frame answered (no script, or not its business). */
export async function sendToTab<K extends TabMessageType>(tabId: number, msg: TabRequestOf<K>, options?: { frameId?: number }): Promise<TabMessages[K]['res'] | undefined> {
  return (await browser.tabs.sendMessage(tabId, msg, options ?? {})) as TabMessages[K]['res'] | undefined;
}
