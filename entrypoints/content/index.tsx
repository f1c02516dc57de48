import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { Overlay, type ManualForm, type Mark, type OverlayProps } from '../../components/Overlay';
import { OVERLAY_CSS } from '../../components/overlay-style';
import { scanDocument } from '../../utils/scan/scan';
import { buildTextIndex, describeRange, locateQuote } from '../../utils/anchor/locate';
import { send } from '../../utils/messages';
import type { Finding } from '../../utils/db/types';
import type { FindingPatch } from '../../utils/db/repo';

const HOST_TAG = 'gsi-overlay';
/** Re-scans after the page rewrites itself are bounded so a page that changes every second costs little. */
const MAX_RESCANS = 5;
const RESCAN_DELAY_MS = 1500;

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    if (!(document.contentType || '').includes('html') || !document.documentElement) return;
    const isTop = window === window.top;

    const host = document.createElement(HOST_TAG);
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
    const state: Omit<OverlayProps, 'onPatch' | 'onLocate' | 'onStartFlag' | 'onSaveManual' | 'onCancelFlag'> = {
      state: 'scanning',
      failure: null,
      findings: [],
      marks: [],
      orphans: new Set(),
      showPanel: isTop,
      hidden: false,
      activeId: null,
      flashId: null,
      selectionButton: null,
      draft: null,
      saveError: null,
    };

    const redraw = () => {
      attach();
      render(
        <Overlay {...state} onPatch={patch} onLocate={locate} onStartFlag={startFlag} onSaveManual={saveManual} onCancelFlag={cancelFlag} />,
        mount,
      );
    };

    const setFindings = (findings: Finding[]) => {
      state.findings = findings.sort(bySeverity);
      placeMarks();
      if (isTop || findings.some((f) => f.status !== 'dismissed')) state.showPanel = isTop;
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
      try {
        const { finding } = await send({ type: 'finding:update', id, patch: p });
        setFindings(state.findings.map((f) => (f.id === id ? finding : f)));
        state.saveError = null;
      } catch (e) {
        state.saveError = `未能保存：${errorText(e)}（请重试）`;
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
      state.showPanel = isTop;
      redraw();
    };

    const saveManual = async (form: ManualForm) => {
      const quote = savedRange ? describeRange(document.body ?? document.documentElement, savedRange) : null;
      try {
        const { finding } = await send({
          type: 'finding:manual',
          input: { url: location.href, title: document.title, quote, message: form.message.trim(), note: form.note.trim(), severity: form.severity, category: form.category },
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
    const scan = async () => {
      if (scanning) return;
      scanning = true;
      try {
        const { ctx: scanCtx, findings: stored } = await send({ type: 'scan:context', url: location.href });
        if (stored.length) setFindings(stored);
        const result = await scanDocument(document, location.href, scanCtx, {
          yieldToPage: () => new Promise((r) => ctx.setTimeout(r, 0)),
          now: () => performance.now(),
        });
        const { findings } = await send({ type: 'scan:result', result });
        state.state = 'done';
        state.failure = null;
        setFindings(findings);
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
      if (e.code === 'KeyH') {
        state.hidden = !state.hidden;
        redraw();
      } else if (e.code === 'KeyM') {
        startFlag();
      }
    });

    browser.runtime.onMessage.addListener((msg: { type?: string; srcUrl?: string | null }) => {
      if (msg?.type === 'flag:start') startFlag(msg.srcUrl ?? null);
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

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
