import type { MessageType } from './messages';
import { arr, bool, int, nullable, num, obj, oneOf, scalarRecord, sizeOf, str, type Check } from './validate';
import { CHECK_MESSAGE_RULES } from './check-message-rules';
import { MAX_TEXT_CHARS } from './scan/text-checks';

/**
 * Who may send each background message, and the shape it must have. Content scripts share
 * their tab with the site under inspection, so a message from one is treated as the page's
 * words: it may report its own scan and review its own page's findings, nothing else.
 * Extension pages (popup, side panel, dashboard) alone change settings, rounds and exports.
 */
export type SenderKind = 'content' | 'page';

export interface MessageRule {
  from: readonly SenderKind[];
  /** Checks the whole request, `type` included; objects are exact unless marked loose. */
  check: Check;
  /** Serialised size limit (UTF-16 units). */
  maxChars: number;
}

/** The fields of a chrome.runtime.MessageSender we rely on (kept structural for unit tests). */
export interface SenderLike {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string; windowId?: number };
}

/**
 * An extension page has our own origin; a content script reports the http(s) frame it runs in
 * and the tab. Anything else (another extension, a sandboxed frame without a tab) is refused.
 */
export function senderKind(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== extensionId || !sender.url) return null;
  if (sender.url.startsWith(extensionOrigin)) return 'page';
  if (sender.tab?.id !== undefined && typeof sender.frameId === 'number' && /^https?:\/\//i.test(sender.url)) return 'content';
  return null;
}

export function isGovHost(host: string): boolean {
  return host === 'gov.cn' || host.endsWith('.gov.cn');
}

/** Why this request is refused, or null when it may be handled. */
export function refusal(req: unknown, kind: SenderKind | null): string | null {
  const type = (req as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_RULES, type)) return '未知的消息类型';
  const rule = MESSAGE_RULES[type as MessageType];
  if (!kind || !rule.from.includes(kind)) return rule.from.includes('page') ? '此操作只能在扩展页面（弹窗、侧边栏、工作台）中进行' : '此消息只接受网页中的扫描脚本发送';
  if (sizeOf(req) > rule.maxChars) return '消息过大，已拒绝';
  const bad = rule.check(req);
  return bad ? `消息格式不正确（${bad}）` : null;
}

const CONTENT = ['content'] as const;
const PAGE = ['page'] as const;
const BOTH = ['content', 'page'] as const;

const id = str(200);
const url = str(4096);
const date = str(10, /^\d{4}-\d{2}-\d{2}$/);
const severity = oneOf('veto', 'deduct', 'hint');
const quote = nullable(obj({ exact: str(2000), prefix: str(200), suffix: str(200) }));

/** Only what the review UI edits; everything else of a finding is the scanner's or the database's. */
export const findingPatch = obj({
  'status?': oneOf('open', 'confirmed', 'dismissed', 'fixed'),
  'message?': str(2000),
  'note?': str(10_000),
  'dismissReason?': str(2000),
  'rectification?': str(10_000),
  'severity?': severity,
});

const scanFinding = obj(
  {
    ruleId: str(100),
    severity,
    title: str(500),
    category: str(50),
    message: str(2000),
    quote,
    detail: scalarRecord(100, 20_000),
    review: bool,
  },
  { loose: true },
);

const scanResult = obj(
  {
    url,
    title: str(2000),
    pageType: oneOf('home', 'list', 'article', 'other'),
    findings: arr(scanFinding, 5000),
    columns: arr(obj({ name: str(200), itemCount: int(0, 1e6), newest: nullable(date), href: nullable(url), cls: oneOf('news', 'notice', 'other') }, { loose: true }), 2000),
    latestDate: nullable(date),
    'columnName?': nullable(str(200)),
    'replies?': nullable(obj({ answered: int(0, 1e7), medianDays: num })),
    errors: arr(obj({ ruleId: str(100), message: str(2000) }), 500),
    ms: num,
  },
  { loose: true },
);

const settingsPatch = obj({
  'inspector?': str(100),
  'currentRoundId?': id,
  'thresholds?': obj({ newsDays: int(1, 3650), noticeDays: int(1, 3650), otherDays: int(1, 3650), homeDays: int(1, 3650) }),
  'extraLexicon?': arr(obj({ wrong: str(100), right: str(100) }), 20_000),
  'lexiconExceptions?': arr(str(100), 20_000),
});

/** What an inspector may change about a column (utils/scan/corrections.ts). */
const correctionFields = {
  'name?': nullable(str(30)),
  'cls?': nullable(oneOf('news', 'notice', 'other')),
  'blank?': nullable(bool),
  'notColumn?': bool,
};

const msg = (type: MessageType, shape: Record<string, Check> = {}) => obj({ type: oneOf(type), ...shape });

const SMALL = 20_000;

export const MESSAGE_RULES: { [K in MessageType]: MessageRule } = {
  'scan:context': { from: CONTENT, check: msg('scan:context', { 'names?': bool }), maxChars: SMALL },
  // Extension pages may file a result under an address they name (bench, imports): they can
  // write the database directly anyway. A content script's result is filed under its sender.
  'scan:result': { from: BOTH, check: msg('scan:result', { result: scanResult }), maxChars: 8_000_000 },
  'scan:failed': { from: CONTENT, check: msg('scan:failed', { reason: str(2000) }), maxChars: SMALL },
  'findings:page': { from: BOTH, check: msg('findings:page', { 'url?': url }), maxChars: SMALL },
  'findings:site': { from: PAGE, check: msg('findings:site', { url }), maxChars: SMALL },
  'finding:update': { from: BOTH, check: msg('finding:update', { id, patch: findingPatch }), maxChars: 40_000 },
  'finding:manual': {
    from: CONTENT,
    check: msg('finding:manual', {
      input: obj({ 'ruleId?': str(100), title: str(2000), quote, message: str(2000), note: str(10_000), severity, category: str(50) }),
    }),
    maxChars: 40_000,
  },
  'export:sheets': { from: PAGE, check: msg('export:sheets', { 'includeOpen?': bool }), maxChars: SMALL },
  'settings:get': { from: PAGE, check: msg('settings:get'), maxChars: SMALL },
  'settings:set': { from: PAGE, check: msg('settings:set', { patch: settingsPatch }), maxChars: 4_000_000 },
  'round:set': { from: PAGE, check: msg('round:set', { roundId: id, monitoringDate: date }), maxChars: SMALL },
  'finding:screenshot': { from: CONTENT, check: msg('finding:screenshot', { id }), maxChars: SMALL },
  'screenshot:get': { from: PAGE, check: msg('screenshot:get', { id }), maxChars: SMALL },
  'tab:findings': { from: PAGE, check: msg('tab:findings', { tabId: int(0, 2 ** 31) }), maxChars: SMALL },
  'dismissals:list': { from: PAGE, check: msg('dismissals:list', { url }), maxChars: SMALL },
  'dismissal:restore': { from: PAGE, check: msg('dismissal:restore', { key: str(5000) }), maxChars: SMALL },
  'db:changed': { from: PAGE, check: msg('db:changed'), maxChars: SMALL },
  'newmedia:seen': { from: CONTENT, check: msg('newmedia:seen', { account: str(200), date }), maxChars: SMALL },
  'text:check': { from: BOTH, check: msg('text:check', { texts: arr(str(MAX_TEXT_CHARS), 50_000) }), maxChars: MAX_TEXT_CHARS + 200_000 },
  // suspected-typo: a page's main text for the offscreen model (the content script sends at most
  // 20,000 characters; extension pages for the bench).
  'typo:check': { from: BOTH, check: msg('typo:check', { texts: arr(str(20_000), 2000), terms: arr(str(100), 20_000) }), maxChars: 400_000 },
  // column-map corrections
  'column:correct': {
    from: CONTENT,
    check: msg('column:correct', {
      input: obj({ selector: str(2000), anchor: str(200), originalName: str(100), 'added?': bool, ...correctionFields }),
    }),
    maxChars: SMALL,
  },
  // availability monitor and link checker
  ...CHECK_MESSAGE_RULES,
  // our grant page (an extension page framed in a tab; the handler checks which page).
  'grant:done': { from: PAGE, check: msg('grant:done', { granted: bool }), maxChars: SMALL },
  'panel:side': { from: CONTENT, check: msg('panel:side'), maxChars: SMALL },
};
