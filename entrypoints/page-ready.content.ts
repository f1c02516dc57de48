import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '../utils/messages';

/** A page whose `load` never comes (a resource that hangs) is scanned this long after we start anyway. */
const MAX_WAIT_MS = 1500;

/**
 * The only script declared for government pages, and a few hundred bytes: it waits for the page's
 * `load` and then asks the background to inject the scanner (content.js) into this very document.
 * Chrome runs document_idle scripts before `load` when it is idle, so a 240 KB scanner declared here
 * would have its parse and start-up delay every page's `load`; injected after it, the page never waits.
 */
export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    if (!(document.contentType || '').includes('html') || !document.documentElement) return;
    let asked = false;
    const ready = () => {
      if (asked) return;
      asked = true;
      void send({ type: 'page:ready' }).catch(() => undefined);
    };
    if (document.readyState === 'complete') return ready();
    // The page shares the event target: if it stops `load` from reaching us, the timer still fires.
    ctx.addEventListener(window, 'load', ready, { once: true });
    ctx.setTimeout(ready, MAX_WAIT_MS);
  },
});
