// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { keepSeen, MAX_RESCANS, PageController, RESCAN_DELAY_MS, STORED_DRAW_MS, type ControllerDeps, type KeyInput, type PageFeature, type ViewState } from './controller';
import { fakeTimers, settle } from '../../tests/fake-timers';
import type { Finding } from '../db/types';
import type { Request } from '../messages';
import type { ScanContext, ScanFinding, ScanResult } from '../scan/types';

const sf = (ruleId: string, exact: string | null, href?: string): ScanFinding => ({
  ruleId,
  severity: 'deduct',
  title: ruleId,
  category: '其他',
  message: `${ruleId} ${exact ?? href ?? ''}`,
  quote: exact ? { exact, prefix: '', suffix: '' } : null,
  detail: href ? { href } : {},
  review: false,
});
const result = (...findings: ScanFinding[]): ScanResult => ({ url: 'http://www.sfx.gov.cn/a.html', title: 't', pageType: 'article', findings, columns: [], latestDate: null, errors: [], ms: 1 });

/** The background, faked: stores what it is sent and answers as the real one does. */
function fakeBackground() {
  const stored = new Map<string, Finding>();
  const sent: Request[] = [];
  let failWrites = 0;
  const toFinding = (f: ScanFinding, i: number): Finding =>
    ({ id: `f${i}-${f.ruleId}-${f.quote?.exact ?? ''}`, ruleId: f.ruleId, severity: f.severity, status: 'open', stillPresent: true, quote: f.quote, message: f.message, detail: f.detail, source: 'auto' }) as Finding;
  return {
    stored,
    sent,
    failNextWrites(n: number) {
      failWrites = n;
    },
    ask: (async (req: Request) => {
      sent.push(req);
      switch (req.type) {
        case 'scan:context':
          return { ctx: { names: req.names ? { n: 1 } : undefined } as unknown as ScanContext, findings: Array.from(stored.values()) };
        case 'scan:result': {
          if (failWrites-- > 0) throw new Error('QuotaExceededError');
          for (const f of stored.values()) f.stillPresent = false;
          req.result.findings.forEach((f, i) => {
            const nf = toFinding(f, i);
            const old = Array.from(stored.values()).find((o) => o.ruleId === nf.ruleId && o.message === nf.message);
            if (old) old.stillPresent = true;
            else stored.set(nf.id, nf);
          });
          return { findings: Array.from(stored.values()).map((f) => ({ ...f })) };
        }
        case 'finding:update': {
          if (failWrites-- > 0) throw new Error('QuotaExceededError');
          const f = { ...stored.get(req.id)!, ...req.patch } as Finding;
          stored.set(req.id, f);
          return { finding: f };
        }
        case 'findings:page':
          return { findings: Array.from(stored.values()) };
        default:
          return { ok: true };
      }
    }) as ControllerDeps['ask'],
  };
}

function setup(opts: { scans?: ScanResult[]; features?: PageFeature[] } = {}) {
  const timers = fakeTimers();
  const bg = fakeBackground();
  const events: string[] = [];
  const views: ViewState[] = [];
  const scans = [...(opts.scans ?? [result(sf('typo', '按步就班'))])];
  const deps: ControllerDeps = {
    url: () => 'http://www.sfx.gov.cn/a.html',
    title: () => '示范县',
    isTop: true,
    panelHere: true,
    timers,
    ask: bg.ask,
    scan: async () => {
      events.push('scan');
      return scans.length > 1 ? scans.shift()! : scans[0]!;
    },
    // Every finding with a quote is "on the page", one mark each, in order.
    place: (findings) => ({
      marks: findings.filter((f) => f.quote && f.status !== 'dismissed' && f.stillPresent).map((f, i) => ({ id: f.id, index: i + 1, severity: f.severity, status: f.status, label: f.message, rects: [{ left: 0, top: 100 * (i + 1), width: 10, height: 10 }] })),
      orphans: new Set(),
    }),
    mountHost: () => events.push('mount'),
    view: (state) => {
      events.push('view');
      views.push(state);
    },
    selection: { capture: () => '选中的文字', clear: () => undefined, describe: () => null },
    scrollToTop: () => undefined,
    viewportHeight: () => 900,
  };
  const c = new PageController(deps, opts.features);
  return { c, bg, timers, events, views, deps };
}

const key = (code: string, isTrusted = true) => {
  const e: KeyInput & { prevented: boolean } = { isTrusted, altKey: true, shiftKey: true, code, prevented: false, preventDefault: () => (e.prevented = true), stopPropagation: () => undefined };
  return e;
};

describe('PageController', () => {
  it('scans before anything of ours enters the page, then mounts, stores and draws', async () => {
    const { c, bg, events, views } = setup();
    await c.start();
    expect(events.indexOf('scan')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('scan')).toBeLessThan(events.indexOf('mount'));
    expect(bg.sent.map((r) => r.type)).toEqual(['scan:context', 'scan:result']);
    expect(views.at(-1)!.state).toBe('done');
    expect(views.at(-1)!.findings.map((f) => f.ruleId)).toEqual(['typo']);
  });

  it('on a revisited page, draws the findings once, from the save’s answer, not the stored ones first', async () => {
    const first = setup();
    await first.c.start();
    const { deps, timers } = setup();
    deps.ask = first.bg.ask; // the same stored findings
    const order: string[] = [];
    const ask = deps.ask;
    deps.ask = ((req: Request) => (order.push(req.type), ask(req))) as ControllerDeps['ask'];
    deps.view = (state) => void order.push(`view:${state.state}`);
    await new PageController(deps).start();
    expect(order).toEqual(['scan:context', 'scan:result', 'view:done']);
    expect(timers.due).toEqual([]);
  });

  it('a slow or failing save shows the stored findings meanwhile', async () => {
    const first = setup();
    await first.c.start();
    const { deps, timers, views } = setup();
    let answer: (v: unknown) => void = () => undefined;
    deps.ask = ((req: Request) =>
      req.type === 'scan:result' ? new Promise<unknown>((r) => (answer = r)) : first.bg.ask(req)) as ControllerDeps['ask'];
    const c = new PageController(deps);
    const started = c.start();
    await settle();
    expect(views).toEqual([]);
    await timers.fire(STORED_DRAW_MS);
    expect(views.at(-1)).toMatchObject({ state: 'scanning' });
    expect(views.at(-1)!.findings.map((f) => f.ruleId)).toEqual(['typo']);
    answer({ findings: [] });
    await started;
    expect(views.at(-1)).toMatchObject({ state: 'done', findings: [] });

    const failing = setup();
    failing.deps.ask = ((req: Request) => (req.type === 'scan:result' ? Promise.reject(new Error('QuotaExceededError')) : first.bg.ask(req))) as ControllerDeps['ask'];
    await new PageController(failing.deps).start();
    expect(failing.views.at(-1)).toMatchObject({ state: 'failed' });
    expect(failing.views.at(-1)!.findings.map((f) => f.ruleId)).toEqual(['typo']);
  });

  it('asks for the official-name data once, then reuses it', async () => {
    const { c, bg, timers } = setup();
    await c.start();
    c.onPageMutation();
    await timers.fire(RESCAN_DELAY_MS);
    const asks = bg.sent.filter((r) => r.type === 'scan:context') as Extract<Request, { type: 'scan:context' }>[];
    expect(asks.map((r) => r.names)).toEqual([true, false]);
  });

  it('re-scans a changing page at most MAX_RESCANS times, each after it settles', async () => {
    const { c, bg, timers } = setup();
    await c.start();
    for (let i = 0; i < MAX_RESCANS + 3; i++) {
      c.onPageMutation();
      c.onPageMutation(); // a burst of changes is one re-scan
      if (timers.due.some((d) => d.ms === RESCAN_DELAY_MS)) await timers.fire(RESCAN_DELAY_MS);
    }
    expect(bg.sent.filter((r) => r.type === 'scan:result')).toHaveLength(1 + MAX_RESCANS);
  });

  it('a change that comes while a scan runs is scanned right after it', async () => {
    const { c, bg, timers } = setup();
    const first = c.start();
    c.onPageMutation();
    await timers.fire(RESCAN_DELAY_MS); // due while the first scan still waits for the background
    await first;
    await settle();
    expect(bg.sent.filter((r) => r.type === 'scan:result')).toHaveLength(2);
  });

  it('a page that removes its 暗链 once it sees us cannot retract them: quoted evidence seen in this visit stays', async () => {
    const spam = sf('hidden-links', null, 'http://www.bc-888.com/');
    const { c, bg, timers } = setup({ scans: [result(spam, sf('typo', '按步就班')), result(sf('typo', '按步就班'))] });
    await c.start();
    c.onPageMutation();
    await timers.fire(RESCAN_DELAY_MS);
    const last = bg.sent.filter((r) => r.type === 'scan:result').at(-1) as Extract<Request, { type: 'scan:result' }>;
    expect(last.result.findings.map((f) => f.ruleId).sort()).toEqual(['hidden-links', 'typo']);
    expect(Array.from(bg.stored.values()).every((f) => f.stillPresent)).toBe(true);
  });

  it('keepSeen keeps findings anchored to a text or a link, once each, and never page-level ones a later render disproves', () => {
    const seen = new Map<string, ScanFinding>();
    keepSeen(seen, result(sf('typo', '按步就班'), sf('blank-column', null), sf('hidden-links', null, 'http://www.xpj-1.net/')));
    const next = keepSeen(seen, result(sf('typo', '按步就班')));
    expect(next.findings.map((f) => f.ruleId)).toEqual(['typo', 'hidden-links']);
    const later = keepSeen(seen, result());
    expect(later.findings.map((f) => f.ruleId).sort()).toEqual(['hidden-links', 'typo']);
  });

  it('synthetic key events never act; trusted Alt+Shift J then C confirms the first finding', async () => {
    const { c, bg } = setup();
    await c.start();
    const fake = key('KeyJ', false);
    expect(c.onKey(fake)).toBe(false);
    expect(c.onKey(key('KeyX', false))).toBe(false);
    expect(c.state.activeId).toBeNull();
    expect(c.onKey(key('KeyJ'))).toBe(true);
    expect(c.state.activeId).not.toBeNull();
    c.onKey(key('KeyC'));
    await settle();
    expect(bg.sent.filter((r) => r.type === 'finding:update')).toHaveLength(1);
    expect(Array.from(bg.stored.values())[0]!.status).toBe('confirmed');
  });

  it('a verdict the background cannot store is kept, shown as chosen, and retried', async () => {
    const { c, bg, timers } = setup();
    await c.start();
    const id = c.state.findings[0]!.id;
    bg.failNextWrites(1);
    await c.patch(id, { status: 'dismissed' });
    expect(c.state.findings[0]!.status).toBe('dismissed');
    expect(c.hasPendingWrites).toBe(true);
    await timers.fire(1000);
    expect(c.hasPendingWrites).toBe(false);
    expect(bg.stored.get(id)!.status).toBe('dismissed');
  });

  it('a scan whose result cannot be stored says so and retries; a failing scan says 未能完成扫描 and mounts anyway', async () => {
    const { c, bg, timers, views } = setup();
    bg.failNextWrites(1);
    await c.start();
    expect(views.at(-1)!.state).toBe('failed');
    await timers.fire(1000);
    expect(views.at(-1)!.state).toBe('done');

    const broken = setup();
    broken.deps.scan = async () => {
      throw new Error('规则出错');
    };
    const c2 = new PageController(broken.deps);
    await c2.start();
    expect(broken.views.at(-1)).toMatchObject({ state: 'failed', failure: '规则出错' });
    expect(broken.bg.sent.at(-1)!.type).toBe('scan:failed');
  });

  it('routes tab messages; status questions are answered by the top frame only', async () => {
    const { c } = setup();
    await c.start();
    const id = c.state.findings[0]!.id;
    const replies: unknown[] = [];
    expect(c.onMessage({ type: 'mark:locate', id }, (v) => replies.push(v))).toBe(true);
    expect(c.state.activeId).toBe(id);
    expect(c.onMessage({ type: 'marks:active' }, (v) => replies.push(v))).toBe(true);
    expect(c.onMessage({ type: 'mark:locate', id: 'elsewhere' }, (v) => replies.push(v))).toBe(false);
    expect(c.onMessage(undefined, () => undefined)).toBe(false);
    expect(replies).toEqual([true, id]);
    const frame = setup();
    frame.deps.isTop = false;
    expect(new PageController(frame.deps).onMessage({ type: 'marks:status' }, () => undefined)).toBe(false);
  });

  it('feature modules plug in keys, messages, scan results and overlay content without editing the controller', async () => {
    const seen: string[] = [];
    const columnMap: PageFeature = {
      name: 'column-map',
      keys: { KeyG: (api) => seen.push(`key ${api.state.findings.length}`) },
      onMessage: (msg, reply) => {
        if (msg.type !== 'columns:show') return false;
        reply('ok');
        return true;
      },
      onScan: (r) => seen.push(`scan ${r.findings.length}`),
      render: () => 'LAYER',
    };
    const extras: unknown[][] = [];
    const s = setup({ features: [columnMap] });
    s.deps.view = (_state, _actions, x) => extras.push(x);
    const c = new PageController(s.deps, [columnMap]);
    await c.start();
    expect(c.onKey(key('KeyG', false))).toBe(false);
    expect(c.onKey(key('KeyG'))).toBe(true);
    const replies: unknown[] = [];
    expect(c.onMessage({ type: 'columns:show' } as never, (v) => replies.push(v))).toBe(true);
    expect(seen).toEqual(['scan 1', 'key 1']);
    expect(replies).toEqual(['ok']);
    expect(extras.at(-1)).toEqual(['LAYER']);
  });

  it('never draws a second-tier suspected typo on the page (the side panel lists it), nor marks it', async () => {
    const listed = { ...sf('suspected-typo', '调正'), detail: { tier: 'list' } };
    const marked = { ...sf('suspected-typo', '同人'), detail: { tier: 'mark' } };
    const { c, views } = setup({ scans: [result(listed, marked)] });
    await c.start();
    expect(views.at(-1)!.findings.map((f) => f.quote?.exact)).toEqual(['同人']);
    expect(views.at(-1)!.marks).toHaveLength(1);
  });

  it('after dispose nothing draws, scans or answers', async () => {
    const { c, events, timers } = setup();
    await c.start();
    c.onPageMutation();
    c.dispose();
    expect(timers.due).toHaveLength(0);
    const before = events.length;
    c.redraw();
    await c.scan();
    expect(c.onKey(key('KeyJ'))).toBe(false);
    expect(events.length).toBe(before);
  });
});
