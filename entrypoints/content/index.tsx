import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { Overlay, type ManualForm, type Mark, type OverlayProps } from '../../components/Overlay';
import { OVERLAY_CSS } from '../../components/overlay-style';
import { scanDocument } from '../../utils/scan/scan';
import { buildTextIndex, describeRange, locateQuote } from '../../utils/anchor/locate';
import { RetryQueue } from '../../utils/retry-queue';
import { errorText } from '../../utils/errors';
import { send, type MarksStatus, type Request, type Responses, type TabMessage } from '../../utils/messages';
import type { Finding } from '../../utils/db/types';
import type { FindingPatch } from '../../utils/db/repo';
import type { ScanContext } from '../../utils/scan/types';
import { typoContext } from '../../utils/text/suspect/client';
import { isListOnly } from '../../utils/text/suspect/tiers';

const HOST_TAG = 'gsi-overlay';
/** Re-scans after the page rewrites itself are bounded so a page that changes every second costs little. */
const MAX_RESCANS = 5;
const RESCAN_DELAY_MS = 1500;
/** Pauses between retries of a write the background could not store (see utils/retry-queue.ts). */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000, 30000];
/** A background that never answers (a blocked IndexedDB open) must surface as an error, not a spinner. */
const REPLY_TIMEOUT_MS = 15000;

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    if (!(document.contentType || '').includes('html') || !document.documentElement) return;
    const isTop = window === window.top;
    // A frameset page renders nothing of its own, so the panel (and the scan state) shows in its frames instead.
    const panelHere = isTop ? document.body?.tagName !== 'FRAMESET' : parentIsFrameset();

    const host = document.createElement(HOST_TAG);
    // Inline !important outranks any page stylesheet that targets the host element itself.
    host.setAttribute('style', 'display:block!important;visibility:visible!important;opacity:1!important;position:static!important;');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = OVERLAY_CSS;
    const mount = document.createElement('div');
    shadow.append(style, mount);
    const attach = () => {
      if (!host.isConnected) document.documentElement.appendChild(host);
    };
    attach();

    let savedRange: Range | null = null;
    const state: Omit<OverlayProps, 'onPatch' | 'onLocate' | 'onStartFlag' | 'onSaveManual' | 'onCancelFlag' | 'onScreenshot'> = {
      state: 'scanning',
      failure: null,
      findings: [],
      marks: [],
      orphans: new Set(),
      showPanel: panelHere,
      hidden: false,
      activeId: null,
      flashId: null,
      selectionButton: null,
      draft: null,
      saveError: null,
    };

    /** Writes waiting for storage, retried with growing pauses; never silently dropped. */
    const pending = new RetryQueue<{ patch: FindingPatch }>(
      RETRY_DELAYS_MS,
      { set: (fn, ms) => ctx.setTimeout(fn, ms), clear: (t) => clearTimeout(t as number) },
      () => redraw(),
    );

    const redraw = () => {
      attach();
      const saveError = [state.saveError, pending.note()].filter(Boolean).join('；') || null;
      render(
        <Overlay {...state} saveError={saveError} onPatch={patch} onLocate={locate} onStartFlag={() => startFlag()} onSaveManual={saveManual} onCancelFlag={cancelFlag} onScreenshot={screenshot} />,
        mount,
      );
    };

    const setFindings = (findings: Finding[]) => {
      // Verdicts still waiting for storage stay visible over what the database last returned.
      findings = findings.map((f) => {
        const waiting = pending.get(`patch:${f.id}`)?.extra?.patch;
        return waiting ? { ...f, ...waiting } : f;
      });
      // suspected-typo's second tier lives in the side panel's 疑似 list only, never on the page.
      state.findings = findings.filter((f) => !isListOnly(f)).sort(bySeverity);
      placeMarks();
      if (isTop || findings.some((f) => f.status !== 'dismissed')) state.showPanel = panelHere;
      redraw();
    };

    /** Anchor every stored quote in the current DOM; what cannot be found is listed as 原文已变化. */
    const placeMarks = () => {
      const index = buildTextIndex(document.body ?? document.documentElement);
      const marks: Mark[] = [];
      const orphans = new Set<string>();
      let n = 0;
      for (const f of state.findings) {
        if (f.status === 'dismissed' || !f.stillPresent || !f.quote) continue;
        const found = locateQuote(document.body ?? document.documentElement, f.quote, index);
        if (!found) {
          if (!document.title.includes(f.quote.exact)) orphans.add(f.id);
          continue;
        }
        const rects = Array.from(found.range.getClientRects())
          .filter((r) => r.width > 0 && r.height > 0)
          .slice(0, 4)
          .map((r) => ({ left: r.left + window.scrollX, top: r.top + window.scrollY, width: r.width, height: r.height }));
        if (!rects.length) continue; // text exists but is not rendered (hidden tab): listed in the panel only
        marks.push({ id: f.id, index: ++n, severity: f.severity, status: f.status, label: f.source === 'manual' ? '人工标记' : titleOf(f), rects });
      }
      state.marks = marks;
      state.orphans = orphans;
    };

    const patch = async (id: string, p: FindingPatch) => {
      // A verdict not yet stored is merged with any earlier one for the same finding, so the retry writes the latest.
      const key = `patch:${id}`;
      const merged = { ...(pending.get(key)?.extra?.patch ?? {}), ...p };
      const run = async () => {
        const { finding } = await ask({ type: 'finding:update', id, patch: merged });
        setFindings(state.findings.map((f) => (f.id === id ? finding : f)));
      };
      try {
        const waiting = pending.get(key);
        if (waiting) throw new Error(waiting.error);
        await run();
        state.saveError = null;
      } catch (e) {
        // Shown as chosen meanwhile, so the inspector's click is not visibly lost.
        setFindings(state.findings.map((f) => (f.id === id ? { ...f, ...merged } : f)));
        pending.keep(key, '判定', run, e, { patch: merged });
      }
      redraw();
    };

    const locate = (id: string) => {
      state.activeId = id;
      const mark = state.marks.find((m) => m.id === id);
      if (mark?.rects[0]) {
        window.scrollTo({ top: Math.max(0, mark.rects[0].top - window.innerHeight / 3), behavior: 'instant' as ScrollBehavior });
        state.flashId = id;
        ctx.setTimeout(() => {
          state.flashId = null;
          redraw();
        }, 1900);
      }
      redraw();
    };

    /** Evidence: scroll to the mark, let it flash, then capture the visible tab. */
    const screenshot = async (id: string) => {
      locate(id);
      await new Promise<void>((r) => ctx.setTimeout(() => r(), 250));
      try {
        const { screenshotId } = await send({ type: 'finding:screenshot', id });
        setFindings(state.findings.map((f) => (f.id === id ? { ...f, screenshotId } : f)));
        state.saveError = null;
      } catch (e) {
        state.saveError = `截图未保存：${errorText(e)}`;
      }
      redraw();
    };

    /** Keyboard path: the marks in reading order, then findings without a place on the page. */
    const reviewOrder = () => {
      const marked = state.marks.map((m) => m.id);
      const rest = state.findings.filter((f) => f.status !== 'dismissed' && f.stillPresent && !marked.includes(f.id)).map((f) => f.id);
      return [...marked, ...rest];
    };
    const step = (delta: number) => {
      const order = reviewOrder();
      if (!order.length) return;
      const at = state.activeId ? order.indexOf(state.activeId) : -1;
      locate(order[(at + delta + order.length) % order.length]);
    };

    const startFlag = (srcUrl: string | null = null) => {
      const sel = window.getSelection();
      if (sel && sel.rangeCount && !sel.isCollapsed) savedRange = sel.getRangeAt(0).cloneRange();
      const quote = savedRange?.toString().trim() ?? '';
      state.draft = { quote, srcUrl };
      state.selectionButton = null;
      state.showPanel = true;
      redraw();
    };

    const cancelFlag = () => {
      state.draft = null;
      savedRange = null;
      state.showPanel = panelHere;
      redraw();
    };

    const saveManual = async (form: ManualForm) => {
      const quote = savedRange ? describeRange(document.body ?? document.documentElement, savedRange) : null;
      try {
        const { finding } = await send({
          type: 'finding:manual',
          input: { ruleId: form.ruleId, url: location.href, title: document.title, quote, message: form.message.trim(), note: form.note.trim(), severity: form.severity, category: form.category },
        });
        state.draft = null;
        state.saveError = null;
        savedRange = null;
        setFindings([...state.findings, finding]);
      } catch (e) {
        // The draft stays on screen so nothing the inspector typed is lost.
        state.saveError = `未能保存：${errorText(e)}（内容已保留，请重试）`;
        redraw();
      }
    };

    let scanning = false;
    let rescans = 0;
    let names: ScanContext['names'];
    const scan = async () => {
      if (scanning) return;
      scanning = true;
      try {
        const { ctx: scanCtx, findings: stored } = await ask({ type: 'scan:context', url: location.href, names: !names });
        names ??= scanCtx.names;
        if (stored.length) setFindings(stored);
        const result = await scanDocument(document, location.href, { ...scanCtx, names }, {
          yieldToPage: () => new Promise<void>((r) => ctx.setTimeout(() => r(), 0)),
          now: () => performance.now(),
          // suspected-typo: the offscreen language model reads the main text first.
          prepare: (page, c) => typoContext(page, c, (texts, terms) => ask({ type: 'typo:check', texts, terms })),
        });
        const save = async () => {
          const { findings } = await ask({ type: 'scan:result', result });
          state.state = 'done';
          state.failure = null;
          setFindings(findings);
        };
        try {
          await save();
          pending.drop('scan'); // a newer result supersedes one still waiting
        } catch (e) {
          // The scan itself worked: keep its result and store it once the database accepts writes again.
          state.state = 'failed';
          state.failure = `扫描结果未能保存（${errorText(e)}），结果已保留，正在重试`;
          pending.keep('scan', '扫描结果', save, e);
          redraw();
        }
      } catch (e) {
        state.state = 'failed';
        state.failure = errorText(e);
        redraw();
        void send({ type: 'scan:failed', url: location.href, reason: state.failure }).catch(() => undefined);
      } finally {
        scanning = false;
      }
    };

    // Pages that render late or rewrite themselves: re-scan once they settle, a bounded number of times.
    let rescanTimer: number | undefined;
    let relayoutTimer: number | undefined;
    const observer = new MutationObserver((records) => {
      if (records.every((r) => host.contains(r.target) || r.target === host)) return;
      if (relayoutTimer === undefined) {
        relayoutTimer = ctx.setTimeout(() => {
          relayoutTimer = undefined;
          placeMarks();
          redraw();
        }, 300);
      }
      if (rescans >= MAX_RESCANS) return;
      if (rescanTimer !== undefined) clearTimeout(rescanTimer);
      rescanTimer = ctx.setTimeout(() => {
        rescanTimer = undefined;
        rescans++;
        void scan();
      }, RESCAN_DELAY_MS);
    });

    ctx.addEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') pending.retryAllNow();
    });
    // Leaving the page would drop writes still waiting for storage: ask first, only while some wait.
    ctx.addEventListener(window, 'beforeunload', (e) => {
      if (pending.size) e.preventDefault();
    });

    ctx.addEventListener(window, 'resize', () => {
      placeMarks();
      redraw();
    });

    ctx.addEventListener(document, 'mouseup', (e) => {
      if (e.composedPath().includes(host)) return;
      ctx.setTimeout(() => {
        const sel = window.getSelection();
        if (!sel || sel.isCollapsed || !sel.toString().trim()) {
          if (state.selectionButton) {
            state.selectionButton = null;
            redraw();
          }
          return;
        }
        savedRange = sel.getRangeAt(0).cloneRange();
        const r = savedRange.getBoundingClientRect();
        state.selectionButton = { x: Math.min(r.right, window.innerWidth - 100), y: Math.min(r.bottom + 6, window.innerHeight - 30) };
        redraw();
      }, 0);
    });

    ctx.addEventListener(document, 'keydown', (e) => {
      if (!e.altKey || !e.shiftKey) return;
      const active = state.activeId;
      if (e.code === 'KeyH') {
        state.hidden = !state.hidden;
        redraw();
      } else if (e.code === 'KeyM') {
        startFlag();
      } else if (e.code === 'KeyJ') {
        step(1);
      } else if (e.code === 'KeyK') {
        step(-1);
      } else if (e.code === 'KeyC' && active) {
        void patch(active, { status: 'confirmed' });
      } else if (e.code === 'KeyX' && active) {
        void patch(active, { status: 'dismissed' }).then(() => step(0));
      } else {
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    });

    const refresh = async () => {
      const { findings } = await send({ type: 'findings:page', url: location.href });
      setFindings(findings);
    };

    browser.runtime.onMessage.addListener((msg: TabMessage, _sender, sendResponse) => {
      switch (msg?.type) {
        case 'flag:start':
          startFlag(msg.srcUrl ?? null);
          return;
        case 'findings:changed':
          void refresh().catch(() => undefined);
          return;
        case 'mark:locate':
          if (!state.findings.some((f) => f.id === msg.id)) return;
          locate(msg.id);
          sendResponse(true);
          return;
        case 'marks:active':
          if (!isTop) return;
          sendResponse(state.activeId);
          return;
        case 'marks:status':
          if (!isTop) return;
          sendResponse({ orphans: Array.from(state.orphans) } satisfies MarksStatus);
          return;
      }
    });

    ctx.onInvalidated(() => {
      observer.disconnect();
      render(null, mount);
      host.remove();
    });

    redraw();
    const start = () => {
      void scan().then(() => {
        if (document.body) observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    };
    if ('requestIdleCallback' in window) ctx.requestIdleCallback(start, { timeout: 1500 });
    else ctx.setTimeout(start, 200);
  },
});

const SEV_RANK = { veto: 0, deduct: 1, hint: 2 } as const;
function bySeverity(a: Finding, b: Finding): number {
  return SEV_RANK[a.severity] - SEV_RANK[b.severity];
}

function titleOf(f: Finding): string {
  return f.message.length > 24 ? `${f.message.slice(0, 24)}…` : f.message;
}

function parentIsFrameset(): boolean {
  try {
    return window.parent === window.top && window.parent.document.body?.tagName === 'FRAMESET';
  } catch {
    return false; // cross-origin parent
  }
}

/** `send` with a deadline: a background stuck on a blocked database becomes a visible error. */
function ask<R extends Request>(req: R): Promise<Responses[R['type']]> {
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

