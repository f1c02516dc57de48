import type { MessageRule } from './message-rules';
import type { CheckMessages } from './check-messages';
import { int, num, obj, oneOf, type Check } from './validate';

/**
 * Sender and shape of the monitor's and link checker's messages: extension pages only (a web
 * page must neither start requests to other hosts nor stop a monitoring week). Spread into
 * MESSAGE_RULES.
 */
const PAGE = ['page'] as const;
const SMALL = 2_000;

const tabKey: Check = (v, p) => (v === 'roster' ? null : int(0, 2 ** 31)(v, p));
const plan = obj({ 'days?': int(1, 31), 'probesPerDay?': int(1, 96), 'dayMs?': num, 'timeoutMs?': num });
const msg = (type: keyof CheckMessages, shape: Record<string, Check> = {}) => obj({ type: oneOf(type), ...shape });

export const CHECK_MESSAGE_RULES: { [K in keyof CheckMessages]: MessageRule } = {
  'monitor:start': { from: PAGE, check: msg('monitor:start', { 'plan?': plan }), maxChars: SMALL },
  'monitor:stop': { from: PAGE, check: msg('monitor:stop'), maxChars: SMALL },
  'monitor:status': { from: PAGE, check: msg('monitor:status'), maxChars: SMALL },
  'links:check': { from: PAGE, check: msg('links:check', { tabId: int(0, 2 ** 31) }), maxChars: SMALL },
  'links:roster': { from: PAGE, check: msg('links:roster'), maxChars: SMALL },
  'links:recheck': { from: PAGE, check: msg('links:recheck', { tabId: tabKey }), maxChars: SMALL },
  'links:status': { from: PAGE, check: msg('links:status', { tabId: tabKey }), maxChars: SMALL },
  'links:stop': { from: PAGE, check: msg('links:stop', { tabId: tabKey }), maxChars: SMALL },
  'net:diagnostics': { from: PAGE, check: msg('net:diagnostics'), maxChars: SMALL },
};
