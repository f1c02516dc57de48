/**
 * The one element of ours that enters the page: a host with a closed shadow root. The page can see
 * that the host exists, but cannot reach into it (`host.shadowRoot` is null to the page and events
 * from inside are retargeted to the host), cannot fire our buttons (untrusted events die at the
 * root), and does not hear keys typed into our forms in its bubbling listeners.
 */
export const HOST_TAG = 'gsi-overlay';

/**
 * Events that act: a synthetic one (dispatchEvent, el.click()) never reaches our handlers. Form
 * edits (input, change) only change a draft, which acts only through a trusted click on 保存.
 */
const ACTING_EVENTS = ['click', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'submit'];
/** Events that carry what the inspector types: stopped at our root so the page's bubbling listeners never see them. */
const PRIVATE_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput', 'compositionstart', 'compositionupdate', 'compositionend', 'paste', 'copy', 'cut', 'select'];

export interface OverlayHost {
  host: HTMLElement;
  /** Where the view renders, inside the shadow root. */
  mount: HTMLElement;
  /** Put the host (back) into the page; a page that removed it gets it back on the next draw. */
  attach(): void;
  remove(): void;
  /** A node or event path of ours: the host or anything inside it. */
  owns(target: EventTarget | null): boolean;
}

export function createHost(doc: Document, css: string, mode: ShadowRootMode = 'closed'): OverlayHost {
  const host = doc.createElement(HOST_TAG);
  // Inline !important outranks any page stylesheet that targets the host element itself.
  host.setAttribute('style', 'display:block!important;visibility:visible!important;opacity:1!important;position:static!important;');
  const shadow = host.attachShadow({ mode });
  for (const type of ACTING_EVENTS) {
    shadow.addEventListener(
      type,
      (e) => {
        if (e.isTrusted) return;
        e.stopImmediatePropagation();
        e.preventDefault();
      },
      true,
    );
  }
  for (const type of PRIVATE_EVENTS) shadow.addEventListener(type, (e) => e.stopPropagation());
  const style = doc.createElement('style');
  style.textContent = css;
  const mount = doc.createElement('div');
  shadow.append(style, mount);
  return {
    host,
    mount,
    attach: () => {
      if (!host.isConnected) doc.documentElement.appendChild(host);
    },
    remove: () => host.remove(),
    owns: (target) => target === host || (target instanceof Node && (host.contains(target) || shadow.contains(target))),
  };
}
