// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { refusal } from './message-rules';

describe('monitor and link-check messages', () => {
  it('are refused from content scripts: a page cannot start requests to other hosts or stop a monitoring week', () => {
    for (const req of [{ type: 'monitor:start' }, { type: 'monitor:stop' }, { type: 'links:check', tabId: 3 }, { type: 'links:roster' }, { type: 'links:recheck', tabId: 'roster' }, { type: 'net:diagnostics' }]) {
      expect(refusal(req, 'content')).toContain('只能在扩展页面');
      expect(refusal(req, 'page')).toBe(null);
    }
  });

  it('check their shape', () => {
    expect(refusal({ type: 'monitor:start', plan: { days: 7, probesPerDay: 24 } }, 'page')).toBe(null);
    expect(refusal({ type: 'monitor:start', plan: { days: 7, hosts: ['evil.example'] } }, 'page')).toContain('unexpected field hosts');
    expect(refusal({ type: 'links:status', tabId: 'roster' }, 'page')).toBe(null);
    expect(refusal({ type: 'links:stop', tabId: 'all' }, 'page')).not.toBe(null);
    expect(refusal({ type: 'links:check', tabId: 'roster' }, 'page')).not.toBe(null);
    expect(refusal({ type: 'links:recheck', tabId: 5 }, 'page')).toBe(null);
    expect(refusal({ type: 'net:diagnostics', held: true }, 'page')).toContain('unexpected field held');
    expect(refusal({ type: 'links:recheck', tabId: 5, urls: ['http://evil.example/'] }, 'page')).toContain('unexpected field urls');
  });
});
