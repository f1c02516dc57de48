import { errorText } from './errors';

/**
 * Writes the background could not store (storage full, IndexedDB blocked, worker restarted),
 * kept in the page and retried with growing pauses: a bounded number of times, then again when
 * the inspector asks (returns to the tab). Keyed by what they write, so a newer write of the
 * same thing replaces the older one. Timers are injected: the content script passes its
 * context-bound ones, tests pass fakes.
 */
export interface PendingWrite<E> {
  label: string;
  run: () => Promise<void>;
  attempt: number;
  timer?: unknown;
  error: string;
  extra?: E;
}

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (timer: unknown) => void;
}

export class RetryQueue<E = unknown> {
  private readonly entries = new Map<string, PendingWrite<E>>();

  constructor(
    private readonly delays: number[],
    private readonly timers: Timers,
    /** Called after every change: a retry succeeded or failed, a write was added or dropped. */
    private readonly onChange: () => void,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): PendingWrite<E> | undefined {
    return this.entries.get(key);
  }

  /** Keep a failed write; the attempt count carries over from an earlier write of the same key. */
  keep(key: string, label: string, run: () => Promise<void>, error: unknown, extra?: E): void {
    const old = this.entries.get(key);
    if (old?.timer !== undefined) this.timers.clear(old.timer);
    this.entries.set(key, { label, run, attempt: old?.attempt ?? 0, error: errorText(error), extra });
    this.schedule(key);
  }

  /** A newer write went through: the waiting one is obsolete. */
  drop(key: string): void {
    const old = this.entries.get(key);
    if (old?.timer !== undefined) this.timers.clear(old.timer);
    if (this.entries.delete(key)) this.onChange();
  }

  /** After the bounded retries are spent, try again now (the inspector came back, maybe after freeing space). */
  retryAllNow(): void {
    for (const [key, entry] of this.entries) {
      if (entry.timer !== undefined) continue;
      entry.attempt = Math.max(0, this.delays.length - 1);
      void this.retry(key);
    }
  }

  /** What the panel says while writes wait, or null. */
  note(): string | null {
    if (!this.entries.size) return null;
    const entries = Array.from(this.entries.values());
    const what = Array.from(new Set(entries.map((p) => p.label))).join('、');
    const waiting = entries.some((p) => p.timer !== undefined);
    return waiting
      ? `${what}未能保存：${entries[0]!.error}。内容已保留在本页，正在自动重试（已重试 ${Math.max(...entries.map((p) => p.attempt))} 次）`
      : `${what}未能保存：${entries[0]!.error}。内容仍保留在本页，请处理后切换回本标签页重试；关闭页面前请勿刷新`;
  }

  private schedule(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    const delay = this.delays[entry.attempt];
    entry.timer = delay === undefined ? undefined : this.timers.set(() => void this.retry(key), delay);
    this.onChange();
  }

  private async retry(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.timer = undefined;
    entry.attempt++;
    try {
      await entry.run();
      if (this.entries.get(key) === entry) this.entries.delete(key);
    } catch (e) {
      entry.error = errorText(e);
      if (this.entries.get(key) === entry) this.schedule(key);
    }
    this.onChange();
  }
}

