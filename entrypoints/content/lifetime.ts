import { browser } from 'wxt/browser';

/**
 * Stand-in for WXT's ContentScriptContext, swapped in by an alias in wxt.config.ts.
 *
 * WXT's own context announces itself to the page with `window.postMessage` ("content-script-started",
 * extension id included) and shuts itself down when it hears that message again. Both are visible to
 * the site under inspection: it can replay the message to switch the inspector off, or listen for it
 * and hide its 暗链 before our scan runs. This context never talks through `window`: it ends only when
 * the extension itself goes away (`runtime.id` lost on update, reload or removal), which the page
 * cannot cause. Same public surface as WXT's, so `defineContentScript` entrypoints run unchanged.
 */
export class ContentScriptContext {
  /** How often a context checks that its extension still exists (cheap: one property read). */
  static readonly POLL_MS = 2000;
  private readonly abortController = new AbortController();
  readonly isTopFrame = window.self === window.top;

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    const poll = setInterval(() => void this.isInvalid, ContentScriptContext.POLL_MS);
    this.onInvalidated(() => clearInterval(poll));
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  abort(reason?: unknown): void {
    this.abortController.abort(reason);
  }

  get isInvalid(): boolean {
    if (!this.signal.aborted && extensionGone()) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  block<T>(): Promise<T> {
    return new Promise(() => undefined);
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((t) => {
      if (this.isValid) callback(t);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((d) => {
      if (this.isValid) callback(d);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /** Listeners end with the context. WXT's synthetic "wxt:locationchange" is not offered (nothing here uses it). */
  addEventListener(target: EventTarget, type: string, handler: (event: any) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }
}

function extensionGone(): boolean {
  try {
    return browser.runtime?.id == null;
  } catch {
    return true; // Chromium throws "Extension context invalidated" on some accesses once the extension is gone
  }
}
