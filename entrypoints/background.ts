import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { InspectorDB } from '../utils/db/db';
import * as repo from '../utils/db/repo';
import { normaliseUrl } from '../utils/db/keys';
import { exportSheets } from '../utils/db/export';
import { recordLatestPost } from '../utils/db/workspace';
import { scriptOrigins } from '../utils/permissions';
import { errorText } from '../utils/errors';
import { NAME_DATA } from '../utils/text/near-miss-data';
import type { Reply, Request, Responses } from '../utils/messages';
import { checkTypos } from './offscreen/bridge';

const db = new InspectorDB();

async function handle(req: Request, sender: chrome.runtime.MessageSender): Promise<Responses[Request['type']]> {
  switch (req.type) {
    case 'scan:context': {
      const ctx = await repo.scanContextFor(db, req.url);
      return { ctx: req.names ? { ...ctx, names: NAME_DATA } : ctx, findings: await repo.pageFindings(db, req.url) };
    }
    case 'scan:result': {
      const findings = await repo.saveScan(db, req.result);
      if (sender.tab?.id !== undefined && sender.frameId === 0) void updateBadge(sender.tab.id, findings);
      if (sender.tab?.id !== undefined && sender.frameId) {
        const set = frameUrls.get(sender.tab.id) ?? new Set<string>();
        frameUrls.set(sender.tab.id, set.add(req.result.url));
      }
      return { findings };
    }
    case 'typo:check':
      // suspected-typo: the model runs in the offscreen document (entrypoints/offscreen).
      return checkTypos(req.texts.filter((t) => typeof t === 'string'), (req.terms ?? []).filter((t) => typeof t === 'string'));
    case 'scan:failed':
      console.warn('[巡检助手] 未能完成扫描', req.url, req.reason);
      return { ok: true };
    case 'findings:page':
      return { findings: await repo.pageFindings(db, req.url) };
    case 'findings:site': {
      const round = await repo.currentRound(db);
      const { site, findings } = await repo.siteFindings(db, req.url, round.id);
      const pages = site ? await db.pages.where('siteId').equals(site.id).filter((p) => p.roundId === round.id).toArray() : [];
      return { site: site ?? null, findings, pages, round };
    }
    case 'finding:update': {
      const finding = await repo.updateFinding(db, req.id, req.patch);
      void findingChanged(finding.pageUrl);
      return { finding };
    }
    case 'finding:manual':
      return { finding: await repo.addManualFinding(db, req.input) };
    case 'export:sheets':
      return { files: await exportSheets(db, { includeOpen: req.includeOpen ?? false }) };
    case 'settings:get':
      return { settings: await repo.getSettings(db), round: await repo.currentRound(db) };
    case 'settings:set':
      return { settings: await repo.updateSettings(db, req.patch) };
    case 'round:set':
      return { round: await repo.setRound(db, req.roundId, req.monitoringDate) };
    case 'finding:screenshot': {
      if (sender.tab?.windowId === undefined) throw new Error('只能在网页标签页中截图');
      return { screenshotId: await screenshotFinding(req.id, sender.tab.windowId) };
    }
    case 'screenshot:get':
      return { dataUrl: (await db.screenshots.get(req.id))?.dataUrl ?? null };
    case 'tab:findings': {
      const tab = await browser.tabs.get(req.tabId);
      const url = tab.url ?? '';
      const frames = Array.from(frameUrls.get(req.tabId) ?? []);
      const lists = await Promise.all([url, ...frames.filter((f) => normaliseUrl(f) !== normaliseUrl(url))].map((u) => repo.pageFindings(db, u)));
      return { url, findings: lists.flat() };
    }
    case 'dismissals:list': {
      const site = await repo.siteForUrl(db, req.url);
      return { dismissals: await repo.listDismissals(db, site.id) };
    }
    case 'dismissal:restore':
      await repo.restoreDismissal(db, req.key);
      return { ok: true };
    case 'newmedia:seen':
      return { siteId: await recordLatestPost(db, req.account, req.date, req.url) };
  }
}

/** Roster sites outside gov.cn that the inspector granted: the same content script runs there too. */
async function syncRosterScripts() {
  const manifest = browser.runtime.getManifest();
  const origins = scriptOrigins((await browser.permissions.getAll()).origins ?? [], manifest.host_permissions ?? []);
  const js = manifest.content_scripts?.find((c) => c.matches?.includes('*://*.gov.cn/*'))?.js ?? [];
  const id = 'roster-hosts';
  await browser.scripting.unregisterContentScripts({ ids: [id] }).catch(() => undefined);
  if (!origins.length || !js.length) return;
  await browser.scripting.registerContentScripts([{ id, matches: origins, js, allFrames: true, runAt: 'document_idle', persistAcrossSessions: true }]);
}

/** Frames (iframes) that reported a scan, per tab, so the side panel lists their findings too. */
const frameUrls = new Map<number, Set<string>>();

async function screenshotFinding(findingId: string, windowId: number): Promise<string> {
  const screenshotId = await repo.saveScreenshot(db, findingId, await captureEvidence(windowId));
  void findingChanged((await db.findings.get(findingId))?.pageUrl ?? '');
  return screenshotId;
}

/** Keyboard command and context menu: both grant activeTab, so capture works without any host permission. */
async function screenshotActiveFinding(tab: { id?: number; windowId?: number } | undefined) {
  if (tab?.id === undefined || tab.windowId === undefined) return;
  const id = (await browser.tabs.sendMessage(tab.id, { type: 'marks:active' }, { frameId: 0 }).catch(() => null)) as string | null;
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
      throw new Error('截图需要授权：按 Alt+Shift+S、在页面右键选择“截图取证”，或在扩展弹窗中点“开启截图取证”');
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
 * A finding of this page changed (verdict, wording, screenshot): every tab showing the page,
 * top or in a frame, re-reads its marks, and the toolbar badge of the top page is recounted.
 */
async function findingChanged(pageUrl: string) {
  if (!pageUrl) return;
  for (const tab of await browser.tabs.query({})) {
    if (tab.id === undefined) continue;
    const top = tab.url ? normaliseUrl(tab.url) : '';
    const frames = Array.from(frameUrls.get(tab.id) ?? [], normaliseUrl);
    if (top !== pageUrl && !frames.includes(pageUrl)) continue;
    void browser.tabs.sendMessage(tab.id, { type: 'findings:changed' }).catch(() => undefined);
    if (top === pageUrl) await updateBadge(tab.id, await repo.pageFindings(db, tab.url!));
  }
}

/** The toolbar badge counts the open findings of the page in the tab. */
async function updateBadge(tabId: number, findings: { status: string; stillPresent: boolean }[]) {
  const open = findings.filter((f) => f.status === 'open' && f.stillPresent).length;
  await browser.action.setBadgeText({ tabId, text: open ? String(open) : '' });
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#c62828' });
}


export default defineBackground(() => {
  browser.runtime.onMessage.addListener((req: Request, sender, sendResponse) => {
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

  void syncRosterScripts();
  browser.permissions.onAdded.addListener(() => void syncRosterScripts());
  browser.permissions.onRemoved.addListener(() => void syncRosterScripts());

  browser.tabs.onRemoved.addListener((tabId) => frameUrls.delete(tabId));
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading' && info.url) frameUrls.delete(tabId);
  });
  browser.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: false }).catch(() => undefined);

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'capture-evidence') return void screenshotActiveFinding(tab);
    if (info.menuItemId !== 'flag-selection' || tab?.id === undefined) return;
    void browser.tabs.sendMessage(tab.id, { type: 'flag:start', srcUrl: info.srcUrl ?? info.linkUrl ?? null }, { frameId: info.frameId ?? 0 });
  });
});

/** Storage errors in words an inspector can act on; the caller keeps the data for retry. */
function friendlyError(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return '浏览器存储空间已满，问题未能保存。请导出备份后清理旧轮次，再重试。';
  return errorText(e);
}
