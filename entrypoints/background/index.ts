import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import Dexie from 'dexie';
import { InspectorDB } from '../../utils/db/db';
import * as repo from '../../utils/db/repo';
import * as columnFixes from '../../utils/db/column-corrections';
import { hostOf, normaliseUrl } from '../../utils/db/keys';
import { exportSheets } from '../../utils/db/export';
import { recordLatestPost } from '../../utils/db/workspace';
import { hasSnapshot, saveSnapshot } from '../../utils/db/pack';
import { CAPTURE_NEEDS_GRANT } from '../../utils/permissions';
import { errorText } from '../../utils/errors';
import { NAME_DATA } from '../../utils/text/near-miss-data';
import { lexiconFor } from '../../utils/text/lexicon';
import { checkTexts } from '../../utils/scan/text-checks';
import { scannerInjector, probeFrame, SCANNER } from '../../utils/content/injector';
import { sendToTab, type MessageType, type Reply, type RequestOf, type ResponseOf } from '../../utils/messages';
import { isGovHost, refusal, senderKind, type SenderKind } from '../../utils/message-rules';
import { FrameRegistry } from '../../utils/frame-registry';
import { createChecks } from './checks';
import { checkTypos } from '../offscreen/bridge';

const db = new InspectorDB();
// Availability monitor and link checker: their handlers, alarm and requests.
const checks = createChecks(db);

interface From {
  kind: SenderKind;
  sender: chrome.runtime.MessageSender;
}

/** One handler per message, its reply type taken from utils/messages.ts (a wrong shape does not compile). */
type Handlers = { [K in MessageType]: (req: RequestOf<K>, from: From) => Promise<ResponseOf<K>> };

const handlers: Handlers = {
  'scan:context': async (req, { sender }) => {
    const early = takeEarlyContext(sender);
    if (early && req.names) return early;
    return scanContext(sender, !!req.names);
  },
  'scan:result': async (req, { kind, sender }) => {
    if (kind === 'page') return { findings: await repo.saveScan(db, req.result) };
    const url = await scannedPage(sender);
    const findings = await repo.saveScan(db, { ...req.result, url });
    const tabId = sender.tab!.id!;
    if (sender.frameId === 0) {
      void updateBadge(tabId, findings);
      injector.onTopScanned(tabId);
    } else await frames.add(tabId, url);
    return { findings };
  },
  'scan:failed': async (req, { sender }) => {
    console.warn('[巡检助手] 未能完成扫描', sender.url, req.reason);
    return { ok: true };
  },
  'findings:page': async (req, { kind, sender }) => {
    if (kind === 'content' && req.url !== undefined) throw new Error('页面地址由扩展确定，不接受指定');
    if (kind === 'page' && req.url === undefined) throw new Error('缺少页面地址');
    return { findings: await repo.pageFindings(db, kind === 'content' ? await scannedPage(sender) : req.url!) };
  },
  'findings:site': async (req) => {
    const round = await repo.currentRound(db);
    const { site, findings } = await repo.siteFindings(db, req.url, round.id);
    const pages = site ? await db.pages.where('siteId').equals(site.id).filter((p) => p.roundId === round.id).toArray() : [];
    return { site: site ?? null, findings, pages, round };
  },
  'finding:update': async (req, from) => {
    if (from.kind === 'content') await ownFinding(from.sender, req.id);
    const finding = await repo.updateFinding(db, req.id, req.patch);
    if (req.patch.status === 'confirmed') void snapshotPage(finding); // evidence pack
    return { finding };
  },
  'finding:manual': async (req, { sender }) => ({ finding: await repo.addManualFinding(db, { ...req.input, url: await scannedPage(sender) }) }),
  'export:sheets': async (req) => exportSheets(db, { includeOpen: req.includeOpen ?? false }),
  'settings:get': async () => ({ settings: await repo.getSettings(db), round: await repo.currentRound(db) }),
  'settings:set': async (req) => ({ settings: await repo.updateSettings(db, req.patch) }),
  'round:set': async (req) => ({ round: await repo.setRound(db, req.roundId, req.monitoringDate) }),
  'finding:screenshot': async (req, { sender }) => {
    await ownFinding(sender, req.id);
    return { screenshotId: await screenshotFinding(req.id, sender.tab!.windowId!) };
  },
  'screenshot:get': async (req) => ({ dataUrl: (await db.screenshots.get(req.id))?.dataUrl ?? null }),
  'tab:findings': async (req) => {
    const tab = await browser.tabs.get(req.tabId);
    const url = tab.url ?? '';
    const lists = await Promise.all(pagesOfTab(url, await frames.of(req.tabId)).map((u) => repo.pageFindings(db, u)));
    return { url, findings: lists.flat() };
  },
  'dismissals:list': async (req) => {
    const site = await repo.siteForUrl(db, req.url);
    return { dismissals: await repo.listDismissals(db, site.id) };
  },
  'dismissal:restore': async (req) => {
    await repo.restoreDismissal(db, req.key);
    return { ok: true };
  },
  'db:changed': async () => {
    findingsMutated({ all: true });
    return { ok: true };
  },
  'newmedia:seen': async (req, { sender }) => {
    if (hostOf(sender.url ?? '') !== 'mp.weixin.qq.com') throw new Error('只接受微信公众号文章页面的发布信息');
    return { siteId: await recordLatestPost(db, req.account, req.date, sender.url!) };
  },
  // suspected-typo: the model runs in the offscreen document (entrypoints/offscreen).
  'typo:check': async (req) => checkTypos(req.texts, req.terms),
  // official-name's gazetteer index and the lexicon: built once per worker life (and setting), not once per page.
  'text:check': async (req) => {
    const settings = await repo.getSettings(db);
    const lexicon = lexiconFor({ extra: settings.extraLexicon, exceptions: settings.lexiconExceptions });
    return checkTexts(req.texts, lexicon, NAME_DATA);
  },
  // a column-map correction, filed under the sender's own page's site.
  'column:correct': async (req, { sender }) => ({ correction: await columnFixes.saveCorrection(db, { ...req.input, pageUrl: await scannedPage(sender) }) }),
  ...checks.handlers,
  // the 截图取证 grant page framed in a tab's panel; that tab's panel retries the capture.
  'grant:done': async (req, { sender }) => {
    if (!sender.url?.startsWith(browser.runtime.getURL('/grant.html')) || sender.tab?.id === undefined) throw new Error('只接受面板中的授权页');
    void sendToTab(sender.tab.id, { type: 'grant:done', granted: req.granted }).catch(() => undefined);
    return { ok: true };
  },
  // the page panel's 移到侧边栏 button; Chrome accepts the click forwarded this way as the user gesture.
  'panel:side': async (_req, { sender }) => {
    await browser.sidePanel.open({ tabId: sender.tab!.id! });
    return { ok: true };
  },
};

async function scanContext(sender: chrome.runtime.MessageSender, names: boolean): Promise<ResponseOf<'scan:context'>> {
  const url = await scannedPage(sender);
  const [ctx, findings] = await Promise.all([repo.scanContextFor(db, url), repo.pageFindings(db, url)]);
  return { ctx: names ? { ...ctx, names: NAME_DATA } : ctx, findings };
}

/** Puts the scanner into government pages once they have loaded (inject.ts). */
const injector = scannerInjector({
  inScope: async (url) => isGovHost(hostOf(url)) || (await isRosterWebsite(url)),
  // Each new scanner's first question, answered while it is being injected.
  beforeInject: (tabId, tabUrl, f) => {
    const sender = { frameId: f.frameId, url: f.url, tab: { id: tabId, url: tabUrl } } as chrome.runtime.MessageSender;
    keepEarlyContext(sender, scanContext(sender, true));
  },
  injectScanner: (tabId, frameIds) => browser.scripting.executeScript({ target: { tabId, frameIds }, files: [SCANNER] }),
  probe: (tabId, frameIds) => browser.scripting.executeScript({ target: frameIds ? { tabId, frameIds } : { tabId, allFrames: true }, func: probeFrame }),
});

/**
 * scan:context computed at injection, by tab, frame and address, for the scanner injected there.
 * Taken once, and only within a few seconds: one a scanner never asked for (a second scanner in a
 * document stops before asking) must not answer a later page at the same address.
 */
const earlyContexts = new Map<string, { at: number; reply: Promise<ResponseOf<'scan:context'>> }>();
const EARLY_CONTEXT_MS = 5000;
const frameKey = (s: chrome.runtime.MessageSender) => `${s.tab?.id}:${s.frameId}:${s.url}`;

function keepEarlyContext(sender: chrome.runtime.MessageSender, reply: Promise<ResponseOf<'scan:context'>>) {
  reply.catch(() => undefined); // asked again, and answered with its error, when the scanner asks
  if (earlyContexts.size >= 100) earlyContexts.delete(earlyContexts.keys().next().value!);
  earlyContexts.set(frameKey(sender), { at: Date.now(), reply });
}

function takeEarlyContext(sender: chrome.runtime.MessageSender): Promise<ResponseOf<'scan:context'>> | undefined {
  const key = frameKey(sender);
  const early = earlyContexts.get(key);
  earlyContexts.delete(key);
  return early && Date.now() - early.at < EARLY_CONTEXT_MS ? early.reply : undefined;
}

/**
 * The page a content script speaks for: its own frame's address, accepted only when the tab's
 * top page is a government site (*.gov.cn) or a website on the roster. A gov.cn page framed by
 * any other site is neither recorded nor counted as visited, so coverage cannot be forged.
 * (Without a host grant for the top page Chrome does not even tell us its address.)
 */
async function scannedPage(sender: chrome.runtime.MessageSender): Promise<string> {
  const own = sender.url ?? '';
  const top = sender.frameId === 0 ? own : sender.tab?.url ?? '';
  for (const u of new Set([own, top])) {
    if (!u || !(isGovHost(hostOf(u)) || (await isRosterWebsite(u)))) throw new Error('此页面不在检查范围内（顶层页面不是政府网站或名单中的网站），不记录');
  }
  return own;
}

async function isRosterWebsite(url: string): Promise<boolean> {
  const site = await repo.findSite(db, url);
  return !!site && site.onRoster && site.kind === 'website';
}

/** A content script reviews only the findings of the page it runs in (a site-level one lists every page it was seen on). */
async function ownFinding(sender: chrome.runtime.MessageSender, id: string): Promise<void> {
  const url = normaliseUrl(await scannedPage(sender));
  const finding = await db.findings.get(id);
  if (!finding || (finding.pageUrl !== url && !finding.seenOn?.includes(url))) throw new Error('只能审核本页面的问题');
}

/** Frames (iframes) that reported a scan, per tab, so the side panel lists their findings too; kept in storage.session, which outlives the worker's sleep. */
const frames = new FrameRegistry(browser.storage.session);

function pagesOfTab(top: string, frameUrls: string[]): string[] {
  const key = normaliseUrl(top);
  return [top, ...frameUrls.filter((f) => normaliseUrl(f) !== key)];
}

async function screenshotFinding(findingId: string, windowId: number): Promise<string> {
  return repo.saveScreenshot(db, findingId, await captureEvidence(windowId));
}

/**
 * the page as it is when a finding on it is confirmed, saved by Chrome as MHTML for the
 * evidence pack. Once per page and round; only when a tab shows the page (top or in a frame).
 */
async function snapshotPage(finding: { roundId: string; pageUrl: string }) {
  try {
    if (await hasSnapshot(db, finding.roundId, finding.pageUrl)) return;
    for (const tab of await browser.tabs.query({})) {
      if (tab.id === undefined || !tab.url) continue;
      if (!pagesOfTab(tab.url, await frames.of(tab.id)).some((u) => normaliseUrl(u) === finding.pageUrl)) continue;
      const mhtml = await captureMhtml(tab.id);
      await saveSnapshot(db, { roundId: finding.roundId, pageUrl: finding.pageUrl, url: tab.url, title: tab.title ?? '', mhtml, capturedAt: Date.now() });
      return;
    }
  } catch (e) {
    console.warn('[巡检助手] 网页快照未保存', e);
  }
}

/**
 * Chrome hands the MHTML over as a file-backed Blob whose file can vanish before it is read
 * (NotFoundError, seen when a screenshot is taken at the same moment): capture again, a few times.
 */
async function captureMhtml(tabId: number): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const blob = await chrome.pageCapture.saveAsMHTML({ tabId });
      if (!blob) throw new Error('浏览器未返回网页快照');
      return await blob.text();
    } catch (e) {
      if (attempt >= 4) throw e;
      await new Promise((r) => setTimeout(r, 400 * attempt));
    }
  }
}

/** Keyboard command and context menu: both grant activeTab, so capture works without any host permission. */
async function screenshotActiveFinding(tab: { id?: number; windowId?: number } | undefined) {
  if (tab?.id === undefined || tab.windowId === undefined) return;
  const id = await sendToTab(tab.id, { type: 'marks:active' }, { frameId: 0 }).catch(() => null);
  if (!id) return;
  await screenshotFinding(id, tab.windowId).catch((e: unknown) => console.warn('[巡检助手] 截图失败', e));
}

/**
 * Capture the visible tab as evidence, re-encoded as a JPEG small enough to keep:
 * quarter-end databases hold hundreds of these.
 */
async function captureEvidence(windowId: number): Promise<string> {
  let png: string;
  try {
    png = await browser.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 70 });
  } catch (e) {
    if (/activeTab|all_urls/.test(String(e))) {
      throw new Error(`${CAPTURE_NEEDS_GRANT}：在面板中点“允许截图取证”，或按 Alt+Shift+S、在页面右键选择“截图取证”`);
    }
    throw e;
  }
  if (png.length * 0.75 <= repo.SCREENSHOT_MAX_BYTES) return png;
  const bitmap = await createImageBitmap(await (await fetch(png)).blob());
  const scale = Math.min(1, 1280 / bitmap.width);
  const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  for (const quality of [0.6, 0.45, 0.3]) {
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    if (blob.size <= repo.SCREENSHOT_MAX_BYTES) return blobToDataUrl(blob);
  }
  throw new Error('截图过大，未能保存');
}

async function blobToDataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type};base64,${btoa(bin)}`;
}

/**
 * One path for the side effects of any write, whoever made it (this worker for a content script,
 * or an extension page writing through utils/db): Dexie reports committed changes across the
 * extension's contexts ('storagemutated', over a BroadcastChannel), and extension pages also
 * send 'db:changed' so a sleeping worker wakes. Every tab whose findings now differ from what it
 * was last told re-reads its marks, and its toolbar badge is recounted.
 */
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const lastSeen = new Map<number, string>();

function findingsMutated(parts: Record<string, unknown>) {
  if (!Object.keys(parts).some((k) => /\/(findings|screenshots|dismissals|settings|rounds)\//.test(k) || k === 'all')) return;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshTabs().catch((e: unknown) => console.warn('[巡检助手] 刷新标签页失败', e)), 150);
}

async function refreshTabs() {
  for (const tab of await browser.tabs.query({})) {
    if (tab.id === undefined || !tab.url || !/^https?:/.test(tab.url)) continue;
    const pages = pagesOfTab(tab.url, await frames.of(tab.id));
    const lists = await Promise.all(pages.map((u) => repo.pageFindings(db, u)));
    const signature = lists.flat().map((f) => `${f.id}:${f.status}:${f.stillPresent}:${f.updatedAt}:${f.screenshotId ?? ''}`).sort().join('|');
    // Unchanged since the tab was last told: nothing to do. (After the worker slept this memory is
    // empty, so every tab re-reads once: cheaper than missing a change made meanwhile.)
    if (lastSeen.get(tab.id) === signature) continue;
    lastSeen.set(tab.id, signature);
    await updateBadge(tab.id, lists[0]!);
    void sendToTab(tab.id, { type: 'findings:changed' }).catch(() => undefined);
  }
}

/** The toolbar badge counts the open findings of the page in the tab. */
async function updateBadge(tabId: number, findings: { status: string; stillPresent: boolean }[]) {
  const open = findings.filter((f) => f.status === 'open' && f.stillPresent).length;
  await browser.action.setBadgeText({ tabId, text: open ? String(open) : '' });
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#c62828' });
}


/** Check who sent it and what it holds, then run its handler; a refusal is an error reply, never a write. */
async function handle(req: unknown, sender: chrome.runtime.MessageSender): Promise<unknown> {
  const kind = senderKind(sender, browser.runtime.id, browser.runtime.getURL('/'));
  const refused = refusal(req, kind);
  if (refused) throw new Error(refused);
  const type = (req as { type: MessageType }).type;
  return (handlers[type] as (r: unknown, f: From) => Promise<unknown>)(req, { kind: kind!, sender });
}

export default defineBackground(() => {
  checks.init();
  browser.runtime.onMessage.addListener((req: unknown, sender, sendResponse) => {
    handle(req, sender as chrome.runtime.MessageSender).then(
      (data) => sendResponse({ ok: true, data } satisfies Reply<unknown>),
      (e: unknown) => sendResponse({ ok: false, error: friendlyError(e) } satisfies Reply<unknown>),
    );
    return true; // keep the channel open for the async reply
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: 'flag-selection', title: '标记为问题', contexts: ['selection', 'image', 'link', 'page'] });
    browser.contextMenus.create({ id: 'capture-evidence', title: '截图取证（当前选中的问题）', contexts: ['page', 'selection', 'image', 'link'] });
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'capture-evidence') void screenshotActiveFinding(tab);
  });

  // Earlier versions registered the scanner on granted roster hosts; the injector covers them now.
  void browser.scripting.unregisterContentScripts({ ids: ['roster-hosts'] }).catch(() => undefined);

  Dexie.on('storagemutated', findingsMutated);

  browser.tabs.onRemoved.addListener((tabId) => {
    lastSeen.delete(tabId);
    injector.onRemoved(tabId);
    void frames.drop(tabId);
  });
  browser.tabs.onUpdated.addListener((tabId, info, tab) => {
    if (info.status === 'loading' && info.url) void frames.drop(tabId);
    injector.onUpdated(tabId, info.status, tab.url);
  });
  // After the listeners: a tab whose load this start was woken for is already queued and skipped.
  void browser.tabs.query({}).then((tabs) => injector.sweep(tabs), () => undefined);
  browser.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: false }).catch(() => undefined);

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'capture-evidence') return void screenshotActiveFinding(tab);
    if (info.menuItemId !== 'flag-selection' || tab?.id === undefined) return;
    void sendToTab(tab.id, { type: 'flag:start', srcUrl: info.srcUrl ?? info.linkUrl ?? null }, { frameId: info.frameId ?? 0 });
  });
});

/** Storage errors in words an inspector can act on; the caller keeps the data for retry. */
function friendlyError(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return '浏览器存储空间已满，问题未能保存。请导出备份后清理旧轮次，再重试。';
  return errorText(e);
}
