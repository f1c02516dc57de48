/**
 * First 截图取证 without a grant: instead of sending the inspector to the popup, the panel shows
 * the extension's own grant page in a small frame right there (see entrypoints/grant/main.ts).
 * When the inspector has answered, the background tells this tab and the capture is retried.
 */
import { browser } from 'wxt/browser';
import type { TabMessage } from '../utils/messages';

const FRAME_STYLE =
  'position:fixed!important;right:16px!important;bottom:16px!important;width:380px!important;height:120px!important;' +
  'border:1px solid #ef6c00!important;border-radius:6px!important;box-shadow:0 2px 12px rgba(0,0,0,.3)!important;' +
  'z-index:2147483647!important;background:#fffbe6!important;display:block!important;';

let open: { frame: HTMLIFrameElement; listener: (msg: TabMessage) => void } | null = null;

/** Show the grant frame in our shadow root; `answered(true)` after a grant, `answered(false)` if declined. */
export function askForCaptureGrant(root: ShadowRoot, answered: (granted: boolean) => void): void {
  close();
  const frame = document.createElement('iframe');
  frame.src = browser.runtime.getURL('/grant.html');
  frame.setAttribute('style', FRAME_STYLE);
  frame.setAttribute('title', '开启截图取证');
  frame.dataset.testid = 'capture-grant';
  const listener = (msg: TabMessage) => {
    if (msg?.type !== 'grant:done') return;
    close();
    answered(msg.granted);
  };
  browser.runtime.onMessage.addListener(listener);
  open = { frame, listener };
  root.appendChild(frame);
}

function close() {
  if (!open) return;
  browser.runtime.onMessage.removeListener(open.listener);
  open.frame.remove();
  open = null;
}
