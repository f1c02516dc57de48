import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { InspectorDB } from '../utils/db/db';
import * as repo from '../utils/db/repo';
import { normaliseUrl } from '../utils/db/keys';
import { exportSheets } from '../utils/db/export';
import type { Reply, Request, Responses } from '../utils/messages';

const db = new InspectorDB();

async function handle(req: Request, sender: chrome.runtime.MessageSender): Promise<Responses[Request['type']]> {
  switch (req.type) {
    case 'scan:context':
      return { ctx: await repo.scanContextFor(db, req.url), findings: await repo.pageFindings(db, req.url) };
    case 'scan:result': {
      const findings = await repo.saveScan(db, req.result);
      if (sender.tab?.id !== undefined && sender.frameId === 0) void updateBadge(sender.tab.id, findings);
      return { findings };
    }
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
      void refreshBadgeFor(finding.pageUrl);
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
  }
}

/** The toolbar badge counts the open findings of the page in the tab. */
async function updateBadge(tabId: number, findings: { status: string; stillPresent: boolean }[]) {
  const open = findings.filter((f) => f.status === 'open' && f.stillPresent).length;
  await browser.action.setBadgeText({ tabId, text: open ? String(open) : '' });
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#c62828' });
}

async function refreshBadgeFor(pageUrl: string) {
  const tabs = await browser.tabs.query({});
  for (const tab of tabs) {
    if (tab.id !== undefined && tab.url && normaliseUrl(tab.url) === pageUrl) {
      await updateBadge(tab.id, await repo.pageFindings(db, tab.url));
    }
  }
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
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== 'flag-selection' || tab?.id === undefined) return;
    void browser.tabs.sendMessage(tab.id, { type: 'flag:start', srcUrl: info.srcUrl ?? info.linkUrl ?? null }, { frameId: info.frameId ?? 0 });
  });
});

/** Storage errors in words an inspector can act on; the caller keeps the data for retry. */
function friendlyError(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return '浏览器存储空间已满，问题未能保存。请导出备份后清理旧轮次，再重试。';
  return e instanceof Error ? e.message : String(e);
}
