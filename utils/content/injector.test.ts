// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { scannerInjector, type FrameProbe, type InjectorDeps } from './injector';

const GOV = 'http://www.sfx.gov.cn/';

/** chrome.scripting faked: which tabs already have a scanner in their top frame, and what was asked. */
function fakeTabs(scanned: Set<number>) {
  const calls: string[] = [];
  const deps: InjectorDeps = {
    inScope: async (url) => url.includes('.gov.cn'),
    beforeInject: () => undefined,
    injectScanner: async (tabId, frameIds) => {
      calls.push(`inject ${tabId} ${frameIds.join(',')}`);
      scanned.add(tabId);
    },
    probe: async (tabId, frameIds) => {
      calls.push(`probe ${tabId} ${frameIds?.join(',') ?? 'all'}`);
      const result: FrameProbe = { scanned: scanned.has(tabId), html: true, url: GOV };
      return [{ frameId: 0, result }];
    },
  };
  return { calls, deps };
}

describe('scannerInjector', () => {
  it('at worker start, scans the loaded government pages that have no scanner, and only those', async () => {
    const { calls, deps } = fakeTabs(new Set([2]));
    const injector = scannerInjector(deps);
    injector.sweep([
      { id: 1, url: GOV, status: 'complete' },
      { id: 2, url: `${GOV}a.html`, status: 'complete' }, // scanned before the worker stopped
      { id: 3, url: GOV, status: 'loading' }, // its own `complete` will come
      { id: 4, url: 'chrome://newtab/', status: 'complete' },
      { id: 5, url: 'http://www.example.com/', status: 'complete' },
      { url: GOV, status: 'complete' },
    ]);
    await vi.waitFor(() => expect(calls).toContain('inject 1 0'));
    injector.onTopScanned(1); // its frames are probed once the top page has its result
    await vi.waitFor(() => expect(calls).toContain('probe 1 all'));
    expect(calls.filter((c) => c.startsWith('inject'))).toEqual(['inject 1 0']);
    expect(calls.filter((c) => / [345] /.test(c))).toEqual([]);
    expect(calls).toContain('probe 2 0');
  });

  it('a page whose load the worker heard is injected once, not probed again by the start-up sweep', async () => {
    const { calls, deps } = fakeTabs(new Set());
    const injector = scannerInjector(deps);
    injector.onUpdated(7, 'complete', GOV);
    injector.sweep([{ id: 7, url: GOV, status: 'complete' }]);
    await vi.waitFor(() => expect(calls).toContain('inject 7 0'));
    injector.onTopScanned(7);
    await vi.waitFor(() => expect(calls).toContain('probe 7 all'));
    expect(calls).toEqual(['inject 7 0', 'probe 7 all']);
  });
});
