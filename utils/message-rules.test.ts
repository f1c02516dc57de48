// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isGovHost, refusal, senderKind } from './message-rules';
import { FrameRegistry, type SessionArea } from './frame-registry';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT}/`;
const content = { id: EXT, url: 'http://www.sfx.gov.cn/a.html', frameId: 0, tab: { id: 3, url: 'http://www.sfx.gov.cn/a.html', windowId: 1 } };
const page = { id: EXT, url: `${ORIGIN}dashboard.html`, tab: { id: 9 } };

const scanResult = {
  url: 'http://www.sfx.gov.cn/a.html',
  title: 't',
  pageType: 'article',
  findings: [{ ruleId: 'typo', severity: 'deduct', title: '错别字', category: '错别字', message: 'x', quote: null, detail: { n: 1 }, review: false }],
  columns: [],
  latestDate: null,
  errors: [],
  ms: 3,
};

describe('senderKind', () => {
  it('tells extension pages from content scripts and refuses anyone else', () => {
    expect(senderKind(page, EXT, ORIGIN)).toBe('page');
    expect(senderKind(content, EXT, ORIGIN)).toBe('content');
    expect(senderKind({ ...content, id: 'other-extension' }, EXT, ORIGIN)).toBeNull();
    expect(senderKind({ id: EXT, url: 'http://x.gov.cn/' }, EXT, ORIGIN)).toBeNull(); // no tab: not a content script
    expect(senderKind({ ...content, url: 'file:///etc/passwd' }, EXT, ORIGIN)).toBeNull();
  });
});

describe('refusal', () => {
  it('keeps settings, rounds, exports and restores to extension pages', () => {
    for (const req of [
      { type: 'settings:set', patch: { inspector: 'x' } },
      { type: 'round:set', roundId: '2025Q1', monitoringDate: '2025-03-01' },
      { type: 'export:sheets' },
      { type: 'dismissal:restore', key: 'k' },
      { type: 'tab:findings', tabId: 1 },
      { type: 'db:changed' },
    ]) {
      expect(refusal(req, 'content'), req.type).toMatch(/扩展页面/);
      expect(refusal(req, 'page'), req.type).toBeNull();
    }
  });

  it('keeps page-side reports (scan context, manual findings, screenshots) to content scripts', () => {
    expect(refusal({ type: 'scan:context' }, 'page')).toMatch(/扫描脚本/);
    expect(refusal({ type: 'finding:screenshot', id: 'f_1' }, 'page')).not.toBeNull();
    expect(refusal({ type: 'finding:screenshot', id: 'f_1' }, 'content')).toBeNull();
  });

  it('rejects a finding patch with fields outside the review whitelist', () => {
    expect(refusal({ type: 'finding:update', id: 'f_1', patch: { status: 'dismissed', dismissReason: '误报' } }, 'content')).toBeNull();
    for (const patch of [{ status: 'dismissed', pageUrl: 'evil' }, { roundId: 'x' }, { status: 'gone' }, { message: 7 }, { screenshotId: 's' }]) {
      expect(refusal({ type: 'finding:update', id: 'f_1', patch }, 'content'), JSON.stringify(patch)).toMatch(/格式/);
    }
  });

  it('rejects unknown types, bad shapes and oversize messages', () => {
    expect(refusal({ type: 'db:drop' }, 'page')).toMatch(/未知/);
    expect(refusal(null, 'page')).toMatch(/未知/);
    expect(refusal({ type: 'scan:result', result: { ...scanResult, findings: 'x' } }, 'content')).toMatch(/格式/);
    expect(refusal({ type: 'scan:result', result: { ...scanResult, findings: [{ ...scanResult.findings[0], detail: { a: { nested: 1 } } }] } }, 'content')).toMatch(/格式/);
    expect(refusal({ type: 'scan:failed', reason: 'x'.repeat(30_000) }, 'content')).toMatch(/过大/);
    expect(refusal({ type: 'round:set', roundId: '2025Q1', monitoringDate: '2025/03/01' }, 'page')).toMatch(/格式/);
    // A field the scanner adds later is let through: the background copies scan results field by field.
    expect(refusal({ type: 'scan:result', result: { ...scanResult, evidence: [] } }, 'content')).toBeNull();
  });

  it('recognises government hosts only by their suffix', () => {
    expect(isGovHost('www.sfx.gov.cn')).toBe(true);
    expect(isGovHost('gov.cn')).toBe(true);
    expect(isGovHost('gov.cn.evil.com')).toBe(false);
    expect(isGovHost('notgov.cn')).toBe(false);
  });
});

describe('FrameRegistry', () => {
  function area(): SessionArea & { data: Map<string, unknown> } {
    const data = new Map<string, unknown>();
    return {
      data,
      get: async (k) => (data.has(k) ? { [k]: structuredClone(data.get(k)) } : {}),
      set: async (items) => void Object.entries(items).forEach(([k, v]) => data.set(k, structuredClone(v))),
      remove: async (k) => void data.delete(k),
    };
  }

  it('keeps frames across a worker restart and loses none of two frames reporting at once', async () => {
    const store = area();
    const first = new FrameRegistry(store);
    await Promise.all([first.add(1, 'http://a.gov.cn/f1'), first.add(1, 'http://a.gov.cn/f2'), first.add(2, 'http://b.gov.cn/x')]);
    const restarted = new FrameRegistry(store); // a new worker: memory gone, session storage kept
    expect(await restarted.of(1)).toEqual(['http://a.gov.cn/f1', 'http://a.gov.cn/f2']);
    await restarted.drop(1);
    expect(await restarted.of(1)).toEqual([]);
    expect(await restarted.of(2)).toEqual(['http://b.gov.cn/x']);
  });
});
