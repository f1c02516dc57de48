import type { ComponentChild } from 'preact';
import type { ManualForm, OverlayProps } from '../../components/Overlay';
import type { Finding } from '../db/types';
import type { FindingPatch } from '../db/repo';
import type { MarksStatus, MessageType, RequestOf, ResponseOf, TabMessage } from '../messages';
import type { ScanContext, ScanFinding, ScanResult } from '../scan/types';
import { RetryQueue, type Timers } from '../retry-queue';
import { errorText } from '../errors';
import type { Placement } from './marks';
import { isListOnly } from '../text/suspect/tiers';

/**
 * The content script's logic, one page visit: state, scheduling of scans, marks, keyboard input and
 * tab-message routing. Everything that touches the browser is injected (timers, messaging, the scan,
 * mark measuring, the view, the host element), so it runs under unit tests with fakes, like
 * RetryQueue; entrypoints/content/ only wires it.
 *
 * The page under inspection is an adversary. Hence: the first scan result is computed before
 * anything of ours enters the page (`mountHost` runs after it), actions come only from trusted
 * events, and evidence seen once in this visit (a quoted text, a link) stays in later re-scans, so a page that
 * removes its 暗链 when it notices us cannot retract them.
 */

/** Re-scans after the page rewrites itself are bounded so a page that changes every second costs little. */
export const MAX_RESCANS = 5;
export const RESCAN_DELAY_MS = 1500;
export const RELAYOUT_DELAY_MS = 300;
export const FLASH_MS = 1900;
/** A save this slow (the database busy with an import) draws the page's stored findings meanwhile. */
export const STORED_DRAW_MS = 250;
/** Pauses between retries of a write the background could not store (see utils/retry-queue.ts). */
export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000, 30000];

export type Ask = <K extends MessageType>(req: RequestOf<K>) => Promise<ResponseOf<K>>;
export type ViewState = Omit<OverlayProps, 'onPatch' | 'onLocate' | 'onStartFlag' | 'onSaveManual' | 'onCancelFlag' | 'onScreenshot'>;

/** What the controller needs from its surroundings. */
export interface ControllerDeps {
  url: () => string;
  title: () => string;
  isTop: boolean;
  /** A frameset page renders nothing of its own, so its panel shows in its frames instead. */
  panelHere: boolean;
  timers: Timers;
  /** Ask the background (with a deadline). */
  ask: Ask;
  scan: (ctx: ScanContext) => Promise<ScanResult>;
  /** Anchor the findings' quotes in the page. */
  place: (findings: Finding[]) => Placement;
  /** Put our host element into the page; called only once the first scan result exists. */
  mountHost: () => void;
  /** Draw the overlay: the state, the verbs and the features' extra content. */
  view: (state: ViewState & { saveError: string | null }, actions: ViewActions, extras: ComponentChild[]) => void;
  /** The inspector's selection as a text quote, for a manual finding. */
  selection: {
    /** Keep the current selection (returns its text, '' when none). */
    capture: () => string;
    clear: () => void;
    describe: () => Finding['quote'];
  };
  scrollToTop: (top: number) => void;
  viewportHeight: () => number;
}

export type ViewActions = Pick<OverlayProps, 'onPatch' | 'onLocate' | 'onStartFlag' | 'onSaveManual' | 'onCancelFlag' | 'onScreenshot'>;

/** What a feature module may use. */
export interface ControllerApi {
  readonly state: Readonly<ViewState>;
  readonly isTop: boolean;
  ask: Ask;
  redraw: () => void;
  locate: (id: string) => void;
  patch: (id: string, p: FindingPatch) => Promise<void>;
  /** Scan the page again (a feature changed what the scan reads, e.g. a column correction). */
  scan: () => Promise<void>;
  /** capture the visible tab as evidence for a finding (the grant frame retries with it). */
  screenshot: (id: string) => Promise<void>;
}

/**
 * A feature plugged into the controller (column-map overlay, inline marks for broken links, a 疑似
 * list …): one small module, registered in entrypoints/content/, never an edit of the controller.
 */
export interface PageFeature {
  name: string;
  /** Alt+Shift+<KeyboardEvent.code> shortcuts; called for trusted key presses only. */
  keys?: Record<string, (api: ControllerApi) => void>;
  /** Tab messages of its own; return true when it handled the message (and replied if asked). */
  onMessage?: (msg: { type: string } & Record<string, unknown>, reply: (value: unknown) => void, api: ControllerApi) => boolean;
  /** After each scan whose result was stored: the result and the page's findings as stored. */
  onScan?: (result: ScanResult, findings: Finding[], api: ControllerApi) => void;
  /** Extra overlay content, drawn inside our closed shadow root. */
  render?: (api: ControllerApi) => ComponentChild;
  dispose?: () => void;
}

/** The bits of a key event the controller reads. */
export interface KeyInput {
  isTrusted: boolean;
  altKey: boolean;
  shiftKey: boolean;
  code: string;
  preventDefault(): void;
  stopPropagation(): void;
}

/**
 * What a finding points at on the page: a quoted text or a link. Such evidence, once seen in this
 * visit, is kept when a re-scan misses it (see the class note). Page-level judgements (a blank
 * 栏目, a missing footer item) have no anchor: a later, fuller render may rightly disprove them.
 */
function anchorOf(f: ScanFinding): string | null {
  if (f.quote) return `${f.ruleId}\u0000text\u0000${f.quote.exact}`;
  const href = f.detail.href;
  return typeof href === 'string' && href ? `${f.ruleId}\u0000link\u0000${href}` : null;
}

export function keepSeen(seen: Map<string, ScanFinding>, result: ScanResult): ScanResult {
  const now = new Set(result.findings.map(anchorOf));
  const kept = Array.from(seen.entries()).filter(([k]) => !now.has(k)).map(([, f]) => f);
  for (const f of result.findings) {
    const k = anchorOf(f);
    if (k) seen.set(k, f);
  }
  return kept.length ? { ...result, findings: [...result.findings, ...kept] } : result;
}

const SEV_RANK = { veto: 0, deduct: 1, hint: 2 } as const;

export class PageController implements ControllerApi {
  readonly state: ViewState;
  private readonly pending: RetryQueue<{ patch: FindingPatch }>;
  private mounted = false;
  private disposed = false;
  private scanning = false;
  /** A re-scan fell due while a scan ran: run it right after (the change came too late for that scan). */
  private scanAgain = false;
  private rescans = 0;
  private rescanTimer: unknown;
  private relayoutTimer: unknown;
  private names: ScanContext['names'];
  private readonly seen = new Map<string, ScanFinding>();
  readonly isTop: boolean;

  constructor(
    private readonly deps: ControllerDeps,
    private readonly features: PageFeature[] = [],
  ) {
    this.isTop = deps.isTop;
    this.state = {
      state: 'scanning',
      failure: null,
      findings: [],
      marks: [],
      orphans: new Set(),
      showPanel: deps.panelHere,
      hidden: false,
      activeId: null,
      flashId: null,
      selectionButton: null,
      draft: null,
      saveError: null,
    };
    this.pending = new RetryQueue(RETRY_DELAYS_MS, deps.timers, () => this.redraw());
  }

  ask: Ask = (req) => this.deps.ask(req);

  /** Nothing is drawn (and nothing of ours is in the page) until the first scan result exists. */
  redraw = (): void => {
    if (!this.mounted || this.disposed) return;
    this.deps.mountHost();
    const saveError = [this.state.saveError, this.pending.note()].filter(Boolean).join('；') || null;
    const extras = this.features.map((f) => f.render?.(this)).filter((c) => c != null);
    this.deps.view({ ...this.state, saveError }, this.actions, extras);
  };

  private readonly actions: ViewActions = {
    onPatch: (id, p) => void this.patch(id, p),
    onLocate: (id) => this.locate(id),
    onStartFlag: () => this.startFlag(),
    onSaveManual: (form) => void this.saveManual(form),
    onCancelFlag: () => this.cancelFlag(),
    onScreenshot: (id) => void this.screenshot(id),
  };

  /** The first scan. Observe the page from before it starts: a change during the scan is re-scanned. */
  async start(): Promise<void> {
    await this.scan();
  }

  dispose(): void {
    this.disposed = true;
    for (const t of [this.rescanTimer, this.relayoutTimer]) if (t !== undefined) this.deps.timers.clear(t);
    for (const f of this.features) f.dispose?.();
  }

  /** The page changed (our own host's changes are filtered out by the caller): re-place marks, re-scan a bounded number of times. */
  onPageMutation(): void {
    if (this.disposed) return;
    if (this.relayoutTimer === undefined) {
      this.relayoutTimer = this.deps.timers.set(() => {
        this.relayoutTimer = undefined;
        this.relayout();
      }, RELAYOUT_DELAY_MS);
    }
    if (this.rescans >= MAX_RESCANS) return;
    if (this.rescanTimer !== undefined) this.deps.timers.clear(this.rescanTimer);
    this.rescanTimer = this.deps.timers.set(() => {
      this.rescanTimer = undefined;
      this.rescans++;
      void this.scan();
    }, RESCAN_DELAY_MS);
  }

  relayout(): void {
    this.placeMarks();
    this.redraw();
  }

  /** The inspector came back to the tab: writes still waiting try again now. */
  onVisible(): void {
    this.pending.retryAllNow();
  }

  /** Leaving the page would drop writes still waiting for storage. */
  get hasPendingWrites(): boolean {
    return this.pending.size > 0;
  }

  /** Alt+Shift shortcuts. Synthetic events (the page's dispatchEvent) never act. Returns whether it was ours. */
  onKey(e: KeyInput): boolean {
    if (!e.isTrusted || !e.altKey || !e.shiftKey || this.disposed) return false;
    const active = this.state.activeId;
    const own = this.features.find((f) => f.keys?.[e.code]);
    if (own) own.keys![e.code]!(this);
    else if (e.code === 'KeyH') {
      this.state.hidden = !this.state.hidden;
      this.redraw();
    } else if (e.code === 'KeyM') this.startFlag();
    else if (e.code === 'KeyJ') this.step(1);
    else if (e.code === 'KeyK') this.step(-1);
    else if (e.code === 'KeyC' && active) void this.patch(active, { status: 'confirmed' });
    else if (e.code === 'KeyX' && active) void this.patch(active, { status: 'dismissed' }).then(() => this.step(0));
    else return false;
    e.preventDefault();
    e.stopPropagation();
    return true;
  }

  /** The inspector selected text on the page: offer 标记为问题 near it (null hides the button). */
  onSelection(at: { x: number; y: number } | null): void {
    if (!at && !this.state.selectionButton) return;
    this.state.selectionButton = at;
    this.redraw();
  }

  /** Messages from the background or the side panel. Returns true when `reply` will be called. */
  onMessage(msg: TabMessage | undefined, reply: (value: unknown) => void): boolean {
    if (!msg || typeof msg.type !== 'string' || this.disposed) return false;
    switch (msg.type) {
      case 'flag:start':
        this.startFlag(msg.srcUrl ?? null);
        return false;
      case 'findings:changed':
        void this.refresh().catch(() => undefined);
        return false;
      case 'mark:locate':
        if (!this.state.findings.some((f) => f.id === msg.id)) return false;
        this.locate(msg.id);
        reply(true);
        return true;
      case 'marks:active':
        if (!this.isTop) return false;
        reply(this.state.activeId);
        return true;
      case 'marks:status':
        if (!this.isTop) return false;
        reply({ orphans: Array.from(this.state.orphans) } satisfies MarksStatus);
        return true;
    }
    for (const f of this.features) if (f.onMessage?.(msg as never, reply, this)) return true;
    return false;
  }

  async scan(): Promise<void> {
    if (this.disposed) return;
    if (this.scanning) {
      this.scanAgain = true;
      return;
    }
    this.scanning = true;
    try {
      const { ctx, findings: stored } = await this.ask({ type: 'scan:context', names: !this.names });
      this.names ??= ctx.names;
      const result = keepSeen(this.seen, await this.deps.scan({ ...ctx, names: this.names }));
      // Only now may the page see us: what it does when it notices cannot change this result.
      this.mounted = true;
      // The page's findings as stored come back with the save, so they are drawn once, from its
      // answer: drawing the stored ones first, then again, cost a revisited page 20–40 ms. Only a
      // save that is slow or fails shows them meanwhile.
      let sent: Promise<ResponseOf<'scan:result'>> | null = this.ask({ type: 'scan:result', result });
      sent.catch(() => undefined); // answered in save()
      const showStored = () => {
        if (stored.length && !this.state.findings.length) this.setFindings(stored);
      };
      const slow = this.deps.timers.set(showStored, STORED_DRAW_MS);
      const save = async () => {
        const reply = sent ?? this.ask({ type: 'scan:result', result });
        sent = null; // a retry sends it again
        const { findings } = await reply;
        this.state.state = 'done';
        this.state.failure = null;
        this.setFindings(findings);
        for (const f of this.features) f.onScan?.(result, findings, this);
      };
      try {
        await save();
        this.pending.drop('scan'); // a newer result supersedes one still waiting
      } catch (e) {
        // The scan itself worked: keep its result and store it once the database accepts writes again.
        showStored();
        this.state.state = 'failed';
        this.state.failure = `扫描结果未能保存（${errorText(e)}），结果已保留，正在重试`;
        this.pending.keep('scan', '扫描结果', save, e);
        this.redraw();
      } finally {
        this.deps.timers.clear(slow);
      }
    } catch (e) {
      this.mounted = true;
      this.state.state = 'failed';
      this.state.failure = errorText(e);
      this.redraw();
      void this.ask({ type: 'scan:failed', reason: this.state.failure }).catch(() => undefined);
    } finally {
      this.scanning = false;
      if (this.scanAgain) {
        this.scanAgain = false;
        void this.scan();
      }
    }
  }

  async patch(id: string, p: FindingPatch): Promise<void> {
    // A verdict not yet stored is merged with any earlier one for the same finding, so the retry writes the latest.
    const key = `patch:${id}`;
    const merged = { ...(this.pending.get(key)?.extra?.patch ?? {}), ...p };
    const run = async () => {
      const { finding } = await this.ask({ type: 'finding:update', id, patch: merged });
      this.setFindings(this.state.findings.map((f) => (f.id === id ? finding : f)));
    };
    try {
      const waiting = this.pending.get(key);
      if (waiting) throw new Error(waiting.error);
      await run();
      this.state.saveError = null;
    } catch (e) {
      // Shown as chosen meanwhile, so the inspector's click is not visibly lost.
      this.setFindings(this.state.findings.map((f) => (f.id === id ? { ...f, ...merged } : f)));
      this.pending.keep(key, '判定', run, e, { patch: merged });
    }
    this.redraw();
  }

  locate(id: string): void {
    this.state.activeId = id;
    const mark = this.state.marks.find((m) => m.id === id);
    if (mark?.rects[0]) {
      this.deps.scrollToTop(Math.max(0, mark.rects[0].top - this.deps.viewportHeight() / 3));
      this.state.flashId = id;
      this.deps.timers.set(() => {
        this.state.flashId = null;
        this.redraw();
      }, FLASH_MS);
    }
    this.redraw();
  }

  startFlag(srcUrl: string | null = null): void {
    const quote = this.deps.selection.capture().trim();
    this.state.draft = { quote, srcUrl };
    this.state.selectionButton = null;
    this.state.showPanel = true;
    this.mounted = true;
    this.redraw();
  }

  private cancelFlag(): void {
    this.state.draft = null;
    this.deps.selection.clear();
    this.state.showPanel = this.deps.panelHere;
    this.redraw();
  }

  private async saveManual(form: ManualForm): Promise<void> {
    try {
      const { finding } = await this.ask({
        type: 'finding:manual',
        input: { ruleId: form.ruleId, title: this.deps.title(), quote: this.deps.selection.describe(), message: form.message.trim(), note: form.note.trim(), severity: form.severity, category: form.category },
      });
      this.state.draft = null;
      this.state.saveError = null;
      this.deps.selection.clear();
      this.setFindings([...this.state.findings, finding]);
    } catch (e) {
      // The draft stays on screen so nothing the inspector typed is lost.
      this.state.saveError = `未能保存：${errorText(e)}（内容已保留，请重试）`;
      this.redraw();
    }
  }

  /** Evidence: scroll to the mark, let it flash, then capture the visible tab. */
  async screenshot(id: string): Promise<void> {
    this.locate(id);
    await new Promise<void>((r) => this.deps.timers.set(r, 250));
    try {
      const { screenshotId } = await this.ask({ type: 'finding:screenshot', id });
      this.setFindings(this.state.findings.map((f) => (f.id === id ? { ...f, screenshotId } : f)));
      this.state.saveError = null;
    } catch (e) {
      this.state.saveError = `截图未保存：${errorText(e)}`;
    }
    this.redraw();
  }

  private async refresh(): Promise<void> {
    const { findings } = await this.ask({ type: 'findings:page' });
    this.setFindings(findings);
  }

  private setFindings(findings: Finding[]): void {
    // Verdicts still waiting for storage stay visible over what the database last returned.
    findings = findings.map((f) => {
      const waiting = this.pending.get(`patch:${f.id}`)?.extra?.patch;
      return waiting ? { ...f, ...waiting } : f;
    });
    // suspected-typo's second tier lives in the side panel's 疑似 list only, never on the page.
    this.state.findings = findings.filter((f) => !isListOnly(f)).sort((a, b) => SEV_RANK[a.severity] - SEV_RANK[b.severity]);
    this.placeMarks();
    if (this.isTop || findings.some((f) => f.status !== 'dismissed')) this.state.showPanel = this.deps.panelHere || this.state.draft !== null;
    this.redraw();
  }

  private placeMarks(): void {
    const { marks, orphans } = this.deps.place(this.state.findings);
    this.state.marks = marks;
    this.state.orphans = orphans;
  }

  /** Keyboard path: the marks in reading order, then findings without a place on the page. */
  private reviewOrder(): string[] {
    const marked = this.state.marks.map((m) => m.id);
    const rest = this.state.findings.filter((f) => f.status !== 'dismissed' && f.stillPresent && !marked.includes(f.id)).map((f) => f.id);
    return [...marked, ...rest];
  }

  private step(delta: number): void {
    const order = this.reviewOrder();
    if (!order.length) return;
    const at = this.state.activeId ? order.indexOf(this.state.activeId) : -1;
    this.locate(order[(at + delta + order.length) % order.length]!);
  }
}
