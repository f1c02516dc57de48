import { browser } from 'wxt/browser';
import type { InspectorDB } from '../utils/db/db';
import type { CheckRequest, CheckResponses } from '../utils/check-messages';
import { ALARM, createMonitor } from './monitor';
import { createLinkChecker } from './link-check';
import { observeNetErrors } from './net';

/**
 * Availability monitor and link checker behind one entry for background.ts: their messages
 * (accepted from the extension's own pages only: a web page must not start requests to other
 * hosts or stop a monitoring week), the alarm, and the start-up catch-up.
 */
export function createChecks(db: InspectorDB, findingChanged: (pageUrl: string) => void) {
  const monitor = createMonitor(db, () => undefined);
  const links = createLinkChecker(db, findingChanged);

  async function handle(req: CheckRequest, sender: chrome.runtime.MessageSender): Promise<CheckResponses[CheckRequest['type']]> {
    if (!sender.url?.startsWith(browser.runtime.getURL('/'))) throw new Error('只能在扩展页面中使用可用性监测和链接检查');
    switch (req.type) {
      case 'monitor:start':
        return { window: await monitor.start(req.plan) };
      case 'monitor:stop':
        await monitor.stop();
        return { ok: true };
      case 'monitor:status':
        return monitor.status();
      case 'links:check':
        if (!Number.isInteger(req.tabId)) throw new Error('标签页无效');
        return { run: await links.checkTab(req.tabId) };
      case 'links:roster':
        return { run: await links.checkRoster() };
      case 'links:status':
        return { run: links.status(req.tabId) };
      case 'links:stop':
        links.stop(req.tabId);
        return { ok: true };
    }
  }

  /** Called once per worker start: listeners first (an alarm may be what woke us), then catch up. */
  function init() {
    observeNetErrors();
    browser.alarms.onAlarm.addListener((a) => {
      if (a.name === ALARM) void monitor.tick();
    });
    void monitor.tick();
  }

  return { handle, init };
}
