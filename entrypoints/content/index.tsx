import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { Overlay } from '../../components/Overlay';
import { OVERLAY_CSS } from '../../components/overlay-style';
import { scanDocument } from '../../utils/scan/scan';
import { send, type MessageType, type RequestOf, type ResponseOf, type TabMessage } from '../../utils/messages';
import { PageController, type PageFeature } from '../../utils/content/controller';
import { createHost } from '../../utils/content/host';
import { placeMarks } from '../../utils/content/marks';
import { parentIsFrameset, selectionKeeper } from '../../utils/content/page';
import { typoContext } from '../../utils/scan/suspect-client';
import { textChecksContext } from '../../utils/scan/text-checks';
import { TEXT_BLOCKS } from '../../utils/scan/text-blocks';
import { MAIN, TEXT } from '../../utils/scan/page';
import { columnMapFeature } from '../../components/column-map-feature';
import { captureGrant } from '../../components/capture-grant';

/** A background that never answers (a blocked IndexedDB open) must surface as an error, not a spinner. */
const REPLY_TIMEOUT_MS = 15000;

/**
 * Browser glue only: the logic is PageController. `ctx` is our own context (entrypoints/content/lifetime.ts,
 * swapped in by wxt.config.ts): it ends when the extension goes away, never because of the page.
 */
export default defineContentScript({
  // Injected by the background once the page has loaded (utils/content/injector.ts), never declared.
  registration: 'runtime',
  main(ctx) {
    if (!(document.contentType || '').includes('html') || !document.documentElement) return;
    // One scanner per document, however often the background injects (isolated world: the page cannot set this).
    const world = globalThis as { __gsiScanner?: boolean };
    if (world.__gsiScanner) return;
    world.__gsiScanner = true;
    const isTop = window === window.top;
    // Only the e2e harness's copy of the build (manifest version_name marked) opens the root, so Playwright can click inside.
    const inspectable = /e2e-inspectable/.test(browser.runtime.getManifest().version_name ?? '');
    const ui = createHost(document, OVERLAY_CSS, inspectable ? 'open' : 'closed');
    const selection = selectionKeeper(document);
    // Feature modules plugged into the page controller (see PageFeature in utils/content/controller.ts).
    const features: PageFeature[] = [columnMapFeature({ doc: document, url: () => location.href, owns: ui.owns }), captureGrant()];

    const controller = new PageController(
      {
        url: () => location.href,
        title: () => document.title,
        isTop,
        panelHere: isTop ? document.body?.tagName !== 'FRAMESET' : parentIsFrameset(window),
        timers: { set: (fn, ms) => ctx.setTimeout(fn, ms), clear: (t) => clearTimeout(t as number) },
        ask,
        scan: (scanCtx) =>
          scanDocument(document, location.href, scanCtx, {
            yieldToPage: nextTask,
            now: () => performance.now(),
            // What the two asks read, first (text before main: main reads it, and would compute it unsliced).
            prepareNeeds: [TEXT, MAIN, TEXT_BLOCKS],
            // suspected-typo's offscreen language model, and the background's gazetteer and lexicon, asked at once.
            prepare: async (page, c) => {
              const [typos, checks] = await Promise.all([
                typoContext(page, c, (texts, terms) => ask({ type: 'typo:check', texts, terms })),
                textChecksContext(page, (texts) => ask({ type: 'text:check', texts })).catch(() => ({})),
              ]);
              return { ...typos, ...checks };
            },
          }),
        place: (findings) => placeMarks(document, findings),
        mountHost: ui.attach,
        view: (state, actions, extras) => render(<Overlay {...state} {...actions}>{extras}</Overlay>, ui.mount),
        selection,
        scrollToTop: (top) => window.scrollTo({ top, behavior: 'instant' as ScrollBehavior }),
        viewportHeight: () => window.innerHeight,
      },
      features,
    );

    const observer = new MutationObserver((records) => {
      if (records.every((r) => ui.owns(r.target))) return;
      controller.onPageMutation();
    });

    ctx.addEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') controller.onVisible();
    });
    ctx.addEventListener(window, 'beforeunload', (e: BeforeUnloadEvent) => {
      if (controller.hasPendingWrites) e.preventDefault();
    });
    ctx.addEventListener(window, 'resize', () => controller.relayout());
    // Not gated on isTrusted: a mouseup only offers the 标记为问题 button; the click on it is (host.ts).
    ctx.addEventListener(document, 'mouseup', (e: MouseEvent) => {
      if (e.composedPath().some((t) => ui.owns(t))) return;
      ctx.setTimeout(() => controller.onSelection(selection.afterMouseUp()), 0);
    });
    ctx.addEventListener(document, 'keydown', (e: KeyboardEvent) => controller.onKey(e));

    const onMessage = (msg: TabMessage, sender: { id?: string }, sendResponse: (v: unknown) => void) => {
      // Only our own extension talks to content scripts.
      if (sender.id !== browser.runtime.id) return;
      controller.onMessage(msg, sendResponse);
    };
    browser.runtime.onMessage.addListener(onMessage);

    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      observer.disconnect();
      controller.dispose();
      render(null, ui.mount);
      ui.remove();
    });

    const start = () => {
      if (document.body) observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      void controller.start();
    };
    // The page has loaded (we are injected after its `load`, frames after their top page's scan): scan now, in slices.
    start();
  },
});

/**
 * Back to the page's event loop between scan slices. Not setTimeout: nested timers are clamped to
 * 4 ms each, which over a scan's few dozen hand-backs added more waiting than the scan's own work.
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** `send` with a deadline: a background stuck on a blocked database becomes a visible error. */
function ask<K extends MessageType>(req: RequestOf<K>): Promise<ResponseOf<K>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('扩展后台响应超时（浏览器存储可能被占用）')), REPLY_TIMEOUT_MS);
    send(req).then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
