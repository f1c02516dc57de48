import { findingEvidence } from '../labels';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { db, errorText, type Workspace } from './data';
import { updateFinding } from '../../utils/db/repo';
import { EMPTY_FILTER, filterFindings, warmSearch, NEWMEDIA_PROBLEMS, RECTIFICATION_LABEL, rectificationState, sortFindings, type FindingFilter } from '../../utils/db/workspace';
import type { Finding } from '../../utils/db/types';
import type { Severity } from '../../utils/scan/types';
import { ruleTitle } from '../../utils/scan/rule-titles';
import { SEVERITY_LABEL, STATUS_LABEL } from '../labels';

const ROW = 56;
const OVERSCAN = 8;
const NM_TITLES = new Map(NEWMEDIA_PROBLEMS.map((p) => [p.code, p.message]));

export function titleOf(ruleId: string): string {
  if (ruleId === 'nm-other') return '政务新媒体（其他）';
  return NM_TITLES.get(ruleId) ?? ruleTitle(ruleId);
}

/**
 * Only the rows in view are in the DOM (fixed row height, absolute positions), so 50,000
 * findings cost the same to scroll as 50. Page text is rendered as Preact text nodes only.
 */
function VirtualList({ items, pending, scrollKey, selected, onSelect, siteName, onPatch }: {
  items: Finding[];
  /** Changes written but not yet back from the live query, shown at once. */
  pending: ReadonlyMap<string, Partial<Finding>>;
  /** Changes when the filter changes; a confirmed or edited row keeps the scroll position. */
  scrollKey: string;
  selected: string | null;
  onSelect: (id: string) => void;
  siteName: Map<string, string>;
  onPatch: (f: Finding, patch: Parameters<typeof updateFinding>[2]) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(560);
  useEffect(() => {
    if (box.current) setHeight(box.current.clientHeight || 560);
  }, []);
  // Before paint, so the count of a new filter never shows over the old scroll position.
  useLayoutEffect(() => {
    // A new filter starts at the top; confirming row 31,337 must not throw the inspector back to row 1.
    if (box.current) box.current.scrollTop = 0;
    setTop(0);
  }, [scrollKey]);
  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((top + height) / ROW) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const f = withPending(items[i]!, pending);
    rows.push(
      <div
        key={f.id}
        class={`vrow${selected === f.id ? ' selected' : ''}`}
        style={{ top: `${i * ROW}px` }}
        data-testid="finding-row"
        data-finding-id={f.id}
        data-status={f.status}
        onClick={() => onSelect(f.id)}
      >
        <div class="body">
          <div class="line">
            <span class={`badge sev-${f.severity}`}>{SEVERITY_LABEL[f.severity]}</span>{' '}
            <span class="badge">{STATUS_LABEL[f.status]}{f.review && f.status === 'open' ? '·待核实' : ''}</span>{' '}
            {f.carriedFrom && <span class="badge">整改复核</span>} <b>{siteName.get(f.siteId) ?? f.siteId}</b>　{titleOf(f.ruleId)}：<span data-col="message">{f.message}</span>
          </div>
          <div class="line muted">
            {f.quote ? `“${f.quote.exact.slice(0, 80)}”　` : ''}
            {f.pageTitle || f.pageUrl}
            {!f.stillPresent && f.source === 'auto' ? '　（最近一次扫描未再出现）' : ''}
          </div>
        </div>
        <div class="acts">
          {f.status !== 'confirmed' && (
            <button data-action="confirm" onClick={(e) => (e.stopPropagation(), onPatch(f, { status: 'confirmed' }))}>确认</button>
          )}
          {f.status !== 'dismissed' && (
            <button class="plain" data-action="dismiss" onClick={(e) => (e.stopPropagation(), onPatch(f, { status: 'dismissed' }))}>排除</button>
          )}
        </div>
      </div>,
    );
  }
  return (
    <div class="vlist" ref={box} data-testid="finding-list" onScroll={(e) => setTop((e.target as HTMLDivElement).scrollTop)}>
      <div style={{ height: `${items.length * ROW}px` }} />
      {rows}
    </div>
  );
}

function Editor({ f, page, onPatch }: { f: Finding; page: Workspace['pages'][number] | undefined; onPatch: (f: Finding, patch: Parameters<typeof updateFinding>[2]) => void }) {
  const [message, setMessage] = useState(f.message);
  const [note, setNote] = useState(f.note);
  const [rect, setRect] = useState(f.rectification);
  const [severity, setSeverity] = useState<Severity>(f.severity);
  const [reason, setReason] = useState(f.dismissReason);
  useEffect(() => {
    setMessage(f.message);
    setNote(f.note);
    setRect(f.rectification);
    setSeverity(f.severity);
    setReason(f.dismissReason);
  }, [f.id, f.updatedAt]);
  const state = rectificationState(f, page);
  const detail = findingEvidence(f);
  return (
    <div class="editor card" data-testid="finding-editor">
      <h3>{titleOf(f.ruleId)}</h3>
      <div class="muted">
        <a href={f.pageUrl.startsWith('newmedia:') ? undefined : `http://${f.pageUrl}`} target="_blank" rel="noreferrer">{f.pageTitle || f.pageUrl}</a>
      </div>
      {f.quote && <p>原文：“{f.quote.exact}”</p>}
      {detail && <p class="muted">{detail}</p>}
      {state && <p><span class="badge">整改复核</span> {RECTIFICATION_LABEL[state]}</p>}
      <label>存在问题<textarea name="message" rows={3} value={message} onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)} /></label>
      <label>
        指标性质{' '}
        <select name="severity" value={severity} onChange={(e) => setSeverity((e.target as HTMLSelectElement).value as Severity)}>
          {(['veto', 'deduct', 'hint'] as const).map((s) => <option key={s} value={s}>{SEVERITY_LABEL[s]}</option>)}
        </select>
      </label>
      <label>备注<input type="text" name="note" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} /></label>
      <label>整改情况<input type="text" name="rectification" value={rect} onInput={(e) => setRect((e.target as HTMLInputElement).value)} /></label>
      <label>排除理由<input type="text" name="dismissReason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} /></label>
      <button data-action="save-finding" onClick={() => onPatch(f, { message, note, rectification: rect, severity, dismissReason: reason })}>保存</button>
      <button data-action="confirm" onClick={() => onPatch(f, { status: 'confirmed', message, note, rectification: rect, severity })}>确认</button>
      <button class="plain" data-action="dismiss" onClick={() => onPatch(f, { status: 'dismissed', dismissReason: reason })}>排除</button>
      <button class="plain" data-action="mark-fixed" onClick={() => onPatch(f, { status: 'fixed', rectification: rect || '已整改' })}>已整改</button>
      {f.status !== 'open' && <button class="plain" data-action="reopen" onClick={() => onPatch(f, { status: 'open' })}>恢复为待确认</button>}
    </div>
  );
}

function withPending(f: Finding, pending: ReadonlyMap<string, Partial<Finding>>): Finding {
  const p = pending.get(f.id);
  return p ? { ...f, ...p } : f;
}

export function FindingsTab({ ws }: { ws: Workspace }) {
  const [filter, setFilter] = useState<FindingFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const siteName = useMemo(() => new Map(ws.sites.map((s) => [s.id, s.name])), [ws.sites]);
  const sorted = useMemo(() => sortFindings(ws.findings, siteName), [ws.findings, siteName]);
  // Filters as the inspector types: the first search should not pay for indexing 50,000 findings,
  // so they are indexed while the inspector looks and a keystroke costs one substring test each.
  useEffect(() => {
    if (ws.complete) warmSearch(ws.findings);
  }, [ws.findings, ws.complete]);
  const shown = useMemo(() => filterFindings(sorted, filter, siteName), [sorted, filter, siteName]);
  const rules = useMemo(() => Array.from(new Set(ws.findings.map((f) => f.ruleId))).sort(), [ws.findings]);
  const sitesWithFindings = useMemo(() => {
    const ids = new Set(ws.findings.map((f) => f.siteId));
    return ws.sites.filter((s) => ids.has(s.id)).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
  }, [ws.findings, ws.sites]);
  const byId = useMemo(() => new Map(ws.findings.map((f) => [f.id, f])), [ws.findings]);
  const pageByUrl = useMemo(() => new Map(ws.pages.map((p) => [p.url, p])), [ws.pages]);
  // After a write the live query re-reads the whole round (about a second at 50,000 findings):
  // the row shows its new state at once and the fresh data replaces it when it arrives.
  const [pending, setPending] = useState<ReadonlyMap<string, Partial<Finding>>>(new Map());
  useEffect(() => setPending(new Map()), [ws.findings]);
  const found = selected ? byId.get(selected) : undefined;
  const current = found && withPending(found, pending);

  const patch = (f: Finding, p: Parameters<typeof updateFinding>[2]) => {
    setErr(null);
    setPending((m) => new Map(m).set(f.id, { ...m.get(f.id), ...p }));
    updateFinding(db, f.id, p).catch((e) => {
      setPending((m) => {
        const next = new Map(m);
        next.delete(f.id);
        return next;
      });
      setErr(errorText(e));
    });
  };
  const set = <K extends keyof FindingFilter>(k: K, v: FindingFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));

  return (
    <div>
      <div class="filters">
        <input placeholder="搜索问题、原文、页面、网站" data-testid="filter-text" value={filter.text} onInput={(e) => set('text', (e.target as HTMLInputElement).value)} size={30} />
        <select data-testid="filter-status" value={filter.status} onChange={(e) => set('status', (e.target as HTMLSelectElement).value as FindingFilter['status'])}>
          <option value="live">未排除</option>
          <option value="all">全部状态</option>
          <option value="open">待确认</option>
          <option value="confirmed">已确认</option>
          <option value="dismissed">已排除</option>
          <option value="fixed">已整改</option>
          <option value="recheck">整改复核</option>
        </select>
        <select data-testid="filter-severity" value={filter.severity} onChange={(e) => set('severity', (e.target as HTMLSelectElement).value as FindingFilter['severity'])}>
          <option value="all">全部性质</option>
          <option value="veto">单项否决</option>
          <option value="deduct">扣分</option>
          <option value="hint">提示</option>
        </select>
        <select data-testid="filter-rule" value={filter.ruleId} onChange={(e) => set('ruleId', (e.target as HTMLSelectElement).value)}>
          <option value="all">全部问题类型</option>
          {rules.map((r) => <option key={r} value={r}>{titleOf(r)}</option>)}
        </select>
        <select data-testid="filter-site" value={filter.siteId} onChange={(e) => set('siteId', (e.target as HTMLSelectElement).value)}>
          <option value="all">全部网站</option>
          {sitesWithFindings.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
        <span class="muted" data-testid="finding-count">{shown.length} / {ws.total || '…'} 条{ws.complete ? '' : '（其余载入中…）'}</span>
      </div>
      {err && <p class="error">{err}</p>}
      <div class="split">
        <div class="grow">
          <VirtualList items={shown} pending={pending} scrollKey={JSON.stringify(filter)} selected={selected} onSelect={setSelected} siteName={siteName} onPatch={patch} />
        </div>
        {current ? <Editor f={current} page={pageByUrl.get(current.pageUrl)} onPatch={patch} /> : <div class="editor muted">选择一条问题查看详情、修改措辞或填写整改情况。</div>}
      </div>
    </div>
  );
}
