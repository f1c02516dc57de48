/**
 * First 截图取证 without a grant (a PageFeature): instead of sending the inspector to the popup,
 * the panel shows the extension's own grant page in a small frame right there (see
 * entrypoints/grant/main.ts; a click in an extension frame may call permissions.request, a
 * content script may not). When the inspector has answered, the background tells this tab and
 * the capture is retried once.
 */
import { browser } from 'wxt/browser';
import type { ControllerApi, PageFeature } from '../utils/content/controller';
import { CAPTURE_NEEDS_GRANT } from '../utils/permissions';

const FRAME_STYLE = {
  position: 'fixed',
  right: '16px',
  bottom: '16px',
  width: '380px',
  height: '120px',
  border: '1px solid #ef6c00',
  borderRadius: '6px',
  boxShadow: '0 2px 12px rgba(0,0,0,.3)',
  zIndex: 2147483647,
  background: '#fffbe6',
};

export function captureGrant(): PageFeature {
  /** The finding whose capture asked for the grant and got its answer: not asked again for it. */
  let answeredFor: string | null = null;
  const asking = (api: ControllerApi) => !!api.state.saveError?.includes(CAPTURE_NEEDS_GRANT) && api.state.activeId !== answeredFor;
  return {
    name: 'capture-grant',
    onMessage(msg, reply, api) {
      if (msg.type !== 'grant:done' || !asking(api)) return false;
      const id = api.state.activeId;
      answeredFor = id;
      api.redraw();
      if (msg.granted === true && id) void api.screenshot(id);
      reply(undefined);
      return true;
    },
    render(api) {
      if (!api.state.saveError?.includes(CAPTURE_NEEDS_GRANT)) answeredFor = null;
      if (!asking(api)) return null;
      return <iframe src={browser.runtime.getURL('/grant.html')} title="开启截图取证" data-testid="capture-grant" style={FRAME_STYLE} />;
    },
  };
}
