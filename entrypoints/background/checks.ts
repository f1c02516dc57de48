import { browser } from 'wxt/browser';
import type { InspectorDB } from '../../utils/db/db';
import type { CheckMessages } from '../../utils/check-messages';
import type { RequestOf } from '../../utils/messages';
import { ALARM, createMonitor } from './monitor';
import { createLinkChecker } from './link-check';
import { initNetDiagnostics, netDiagnostics } from './net';

/**
 * Availability monitor and link checker behind one entry for background.ts: a typed handler per
 * message (who may send them is checked by the registry: extension pages only, see
 * utils/check-message-rules.ts), the alarm, and the start-up catch-up. Findings they write reach
 * open tabs and the badge through the database's change observation, like any other write.
 */
type CheckHandlers = { [K in keyof CheckMessages]: (req: RequestOf<K>) => Promise<CheckMessages[K]['res']> };

export function createChecks(db: InspectorDB) {
  const monitor = createMonitor(db);
  const links = createLinkChecker(db);

  const handlers: CheckHandlers = {
    'monitor:start': async (req) => ({ window: await monitor.start(req.plan) }),
    'monitor:stop': async () => {
      await monitor.stop();
      return { ok: true };
    },
    'monitor:status': () => monitor.status(),
    'links:check': async (req) => ({ run: await links.checkTab(req.tabId) }),
    'links:roster': async () => ({ run: await links.checkRoster() }),
    'links:recheck': async (req) => ({ run: await links.recheck(req.tabId) }),
    'links:status': async (req) => ({ run: links.status(req.tabId) }),
    'links:stop': async (req) => {
      links.stop(req.tabId);
      return { ok: true };
    },
    'net:diagnostics': () => netDiagnostics(),
  };

  /** Called once per worker start: listeners first (an alarm may be what woke us), then catch up. */
  function init() {
    initNetDiagnostics();
    browser.alarms.onAlarm.addListener((a) => {
      if (a.name === ALARM) void monitor.tick();
    });
    void monitor.tick();
  }

  return { handlers, init };
}
