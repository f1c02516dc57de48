/** The part of chrome.storage.session this needs (a Map-backed fake in tests). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * Frames (iframes) of each tab that reported a scan, so the side panel and the badge refresh
 * cover their findings too. Kept in session storage rather than worker memory: the service
 * worker sleeps after half a minute idle and would forget them. Writes are queued so two frames
 * reporting at once do not overwrite each other.
 */
export class FrameRegistry {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly area: SessionArea) {}

  private key(tabId: number) {
    return `frames:${tabId}`;
  }

  async of(tabId: number): Promise<string[]> {
    await this.queue.catch(() => undefined);
    const stored = (await this.area.get(this.key(tabId)))[this.key(tabId)];
    return Array.isArray(stored) ? stored.filter((u): u is string => typeof u === 'string') : [];
  }

  add(tabId: number, url: string): Promise<void> {
    return this.enqueue(async () => {
      const key = this.key(tabId);
      const stored = (await this.area.get(key))[key];
      const list = Array.isArray(stored) ? (stored as string[]) : [];
      // A page that keeps loading frames (ads, rotating iframes) must not grow this without bound.
      if (!list.includes(url)) await this.area.set({ [key]: [...list, url].slice(-50) });
    });
  }

  drop(tabId: number): Promise<void> {
    return this.enqueue(() => this.area.remove(this.key(tabId)));
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.queue.catch(() => undefined).then(job);
    this.queue = next;
    return next;
  }
}
