import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { send } from '../utils/messages';
import { DEFAULT_PREFS, loadPanelPrefs, savePanelPrefs, type PanelPrefs } from './panel-prefs';
import type { Finding } from '../utils/db/types';
import type { FindingPatch } from '../utils/db/repo';
import type { Severity } from '../utils/scan/types';
import { FindingCard } from './FindingCard';
import { RULES, RULES_BY_ID } from '../utils/scan/rules';
import { SEVERITY_COLOR, SEVERITY_LABEL, SEVERITY_ORDER } from './labels';
import { placeTags } from '../utils/anchor/tags';

export interface Mark {
  id: string;
  index: number;
  severity: Severity;
  status: string;
  label: string;
  /** Rectangles in page coordinates (scroll offsets added). */
  rects: { left: number; top: number; width: number; height: number }[];
}

export interface FlagDraft {
  quote: string;
  srcUrl: string | null;
}

export interface ManualForm {
  ruleId: string;
  message: string;
  note: string;
  severity: Severity;
  category: string;
}

export interface OverlayProps {
  state: 'scanning' | 'done' | 'failed';
  failure: string | null;
  findings: Finding[];
  marks: Mark[];
  orphans: Set<string>;
  showPanel: boolean;
  hidden: boolean;
  activeId: string | null;
  flashId: string | null;
  selectionButton: { x: number; y: number } | null;
  draft: FlagDraft | null;
  saveError: string | null;
  onPatch: (id: string, patch: FindingPatch) => void;
  onLocate: (id: string) => void;
  onStartFlag: () => void;
  onSaveManual: (form: ManualForm) => void;
  onCancelFlag: () => void;
  onScreenshot: (id: string) => void;
  /** Content of feature modules plugged into the page controller (utils/content/controller.ts). */
  children?: ComponentChildren;
}

const CATEGORIES = ['错别字', '规范表述', '内容更新', '网站标识', '安全防护', '互动回应', '解读关联', '功能设计', '其他'];

/** Shortcuts work while the page has focus; Alt+Shift keeps them clear of the page's own keys. */
export const SHORTCUTS: [string, string][] = [
  ['Alt+Shift+J / K', '下一个 / 上一个问题'],
  ['Alt+Shift+C', '确认当前问题'],
  ['Alt+Shift+X', '排除当前问题'],
  ['Alt+Shift+M', '把选中文字标记为问题'],
  ['Alt+Shift+H', '隐藏 / 显示标记'],
  ['Alt+Shift+L', '显示 / 隐藏栏目图'],
];

/** A tag is a pointer, not the finding: short, so it hides little of the page (the tooltip has it all). */
function tagText(m: Mark): string {
  const label = Array.from(m.label);
  return `${m.index}. ${label.length > 10 ? `${label.slice(0, 10).join('')}…` : m.label}`;
}

export function Overlay(p: OverlayProps) {
  if (p.hidden) return null;
  // Tags go where they hide no marked text (utils/anchor/tags.ts).
  const tags = placeTags(p.marks, tagText, (m) => String(m.index));
  return (
    <>
      {/* data-state also here: frames without a panel (frameset children on another host) still say when their scan ended. */}
      <div class="gsi-layer" data-state={p.state}>
        {p.marks.map((m) => (
          <div key={m.id}>
            {m.rects.map((r, i) => (
              <div
                key={i}
                class={`gsi-box gsi-${m.severity} gsi-${m.status}${p.flashId === m.id ? ' gsi-flash' : ''}`}
                style={{ left: `${r.left - 2}px`, top: `${r.top - 1}px`, width: `${r.width + 4}px`, height: `${r.height + 2}px` }}
              />
            ))}
            {tags.has(m.id) && (
              <div
                class="gsi-tag"
                data-mark-id={m.id}
                style={{ left: `${tags.get(m.id)!.left}px`, top: `${tags.get(m.id)!.top}px`, background: SEVERITY_COLOR[m.severity] }}
                title={`${m.index}. ${m.label}`}
                onClick={() => p.onLocate(m.id)}
              >
                {tags.get(m.id)!.compact ? m.index : tagText(m)}
              </div>
            )}
          </div>
        ))}
      </div>
      {p.selectionButton && (
        <button class="gsi-flag-btn" data-action="flag-selection" style={{ left: `${p.selectionButton.x}px`, top: `${p.selectionButton.y}px` }} onMouseDown={(e) => e.preventDefault()} onClick={p.onStartFlag}>
          标记为问题
        </button>
      )}
      {p.showPanel && <Panel {...p} />}
      {p.children}
    </>
  );
}

function Panel(p: OverlayProps) {
  const [collapsed, setCollapsed] = useState(false);
  // Dock left/right, collapse to a badge, or hand over to the side panel (remembered), so the panel
  // never hides the part of the page the inspector is reading.
  const [prefs, setPrefs] = useState<PanelPrefs>(DEFAULT_PREFS);
  const [sideError, setSideError] = useState<string | null>(null);
  useEffect(() => void loadPanelPrefs().then(setPrefs), []);
  const update = (next: Partial<PanelPrefs>) => {
    const merged = { ...prefs, ...next };
    setPrefs(merged);
    savePanelPrefs(merged);
  };
  const toSide = async () => {
    try {
      await send({ type: 'panel:side' });
      setSideError(null);
      update({ mode: 'side' });
    } catch (e) {
      setSideError(`无法打开侧边栏（${(e as Error).message}），可点工具栏的扩展图标，选择“在侧边栏中审核”。`);
    }
  };
  const visible = p.findings.filter((f) => f.status !== 'dismissed' && f.stillPresent);
  const dismissed = p.findings.filter((f) => f.status === 'dismissed');
  const numbered = new Map(p.marks.map((m) => [m.id, m.index]));
  const count = (s: Severity) => visible.filter((f) => f.severity === s).length;
  const dock = prefs.dock === 'left' ? ' gsi-dock-left' : '';
  if (prefs.mode !== 'open') {
    const open = visible.filter((f) => f.status === 'open').length;
    return (
      <button class={`gsi-badge${dock}`} data-testid="panel-badge" data-state={p.state} title="展开巡检助手面板" onClick={() => update({ mode: 'open' })}>
        {prefs.mode === 'side' ? '侧边栏审核中' : '巡检'} {count('veto')}/{count('deduct')}/{count('hint')}{open ? `（待确认 ${open}）` : ''}
      </button>
    );
  }
  return (
    <div class={`gsi-panel${collapsed ? ' gsi-collapsed' : ''}${dock}`} data-state={p.state}>
      <div class="gsi-panel-head" onClick={() => setCollapsed(!collapsed)}>
        <b>巡检助手</b>
        {SEVERITY_ORDER.map((s) => (
          <span key={s} class="gsi-count" title={SEVERITY_LABEL[s]}>{SEVERITY_LABEL[s]} {count(s)}</span>
        ))}
        <span class="gsi-head-btn" data-action="dock" title={prefs.dock === 'left' ? '停靠到右侧' : '停靠到左侧'} onClick={(e) => { e.stopPropagation(); update({ dock: prefs.dock === 'left' ? 'right' : 'left' }); }}>{prefs.dock === 'left' ? '⇥' : '⇤'}</span>
        <span class="gsi-head-btn" data-action="to-side" title="移到浏览器侧边栏" onClick={(e) => { e.stopPropagation(); void toSide(); }}>▤</span>
        <span class="gsi-head-btn" data-action="to-badge" title="收起为徽标" onClick={(e) => { e.stopPropagation(); update({ mode: 'badge' }); }}>–</span>
        <span>{collapsed ? '▲' : '▼'}</span>
      </div>
      {sideError && <div class="gsi-state gsi-error">{sideError}</div>}
      {!collapsed && (
        <div class="gsi-panel-body">
          {p.state === 'scanning' && <div class="gsi-state">正在扫描本页…</div>}
          {p.state === 'failed' && <div class="gsi-state gsi-error" data-testid="scan-failed">未能完成扫描：{p.failure}</div>}
          {p.saveError && <div class="gsi-state gsi-error">{p.saveError}</div>}
          {p.draft && <FlagForm draft={p.draft} onSave={p.onSaveManual} onCancel={p.onCancelFlag} />}
          {p.state === 'done' && visible.length === 0 && !p.draft && <div class="gsi-state">本页未发现问题（可选中文字“标记为问题”）</div>}
          {SEVERITY_ORDER.map((s) => {
            const group = visible.filter((f) => f.severity === s);
            if (!group.length) return null;
            return (
              <div key={s}>
                <div class="gsi-group">{SEVERITY_LABEL[s]}（{group.length}）</div>
                {group.map((f) => (
                  <div key={f.id} class={p.activeId === f.id ? 'gsi-active' : ''}>
                    <FindingCard finding={f} index={numbered.get(f.id)} orphan={p.orphans.has(f.id)} onPatch={p.onPatch} onLocate={p.onLocate} onScreenshot={p.onScreenshot} />
                  </div>
                ))}
              </div>
            );
          })}
          {dismissed.length > 0 && (
            <details>
              <summary class="gsi-group">已排除（{dismissed.length}）</summary>
              {dismissed.map((f) => <FindingCard key={f.id} finding={f} onPatch={p.onPatch} />)}
            </details>
          )}
          <div class="gsi-actions">
            <button class="gsi-btn gsi-plain" data-action="add-manual" onClick={p.onStartFlag}>＋ 新增问题</button>
          </div>
          <div class="gsi-note gsi-keys">快捷键：{SHORTCUTS.map(([k, v]) => `${k} ${v}`).join('；')}</div>
        </div>
      )}
    </div>
  );
}

function FlagForm({ draft, onSave, onCancel }: { draft: FlagDraft; onSave: (f: ManualForm) => void; onCancel: () => void }) {
  const [form, setForm] = useState<ManualForm>({
    ruleId: 'manual',
    message: draft.quote ? `“${draft.quote.slice(0, 40)}”存在问题` : '',
    note: draft.srcUrl ? `对象：${draft.srcUrl}` : '',
    severity: 'deduct',
    category: '错别字',
  });
  const set = (k: keyof ManualForm) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  return (
    <div class="gsi-form" data-testid="flag-form">
      <div class="gsi-group">标记为问题</div>
      {draft.quote && <div class="gsi-quote">原文：“{draft.quote}”</div>}
      <label>存在问题<textarea name="message" rows={2} value={form.message} onInput={set('message')} /></label>
      <label>问题类型
        <select name="ruleId" value={form.ruleId} onChange={(e) => {
          const id = (e.target as HTMLSelectElement).value;
          const rule = RULES_BY_ID[id];
          setForm({ ...form, ruleId: id, ...(rule ? { severity: rule.meta.severity, category: rule.meta.category } : {}) });
        }}>
          <option value="manual">其他（自行描述）</option>
          {RULES.map((r) => <option key={r.meta.id} value={r.meta.id}>{r.meta.title}</option>)}
        </select>
      </label>
      <label>问题类别
        <select name="category" value={form.category} onChange={set('category')}>
          {CATEGORIES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>
      <label>指标性质
        <select name="severity" value={form.severity} onChange={set('severity')}>
          {SEVERITY_ORDER.map((s) => <option key={s} value={s}>{SEVERITY_LABEL[s]}</option>)}
        </select>
      </label>
      <label>备注<input name="note" value={form.note} onInput={set('note')} /></label>
      <div class="gsi-actions">
        <button class="gsi-btn" data-action="save-manual" disabled={!form.message.trim()} onClick={() => onSave(form)}>保存</button>
        <button class="gsi-btn gsi-plain" onClick={onCancel}>取消</button>
      </div>
    </div>
  );
}
