import { useState } from 'preact/hooks';
import type { Finding } from '../utils/db/types';
import type { FindingPatch } from '../utils/db/repo';
import { findingEvidence, SEVERITY_COLOR, SEVERITY_LABEL, STATUS_LABEL } from './labels';
import { ruleTitle } from '../utils/scan/rule-titles';

export interface FindingCardProps {
  finding: Finding;
  index?: number;
  orphan?: boolean;
  onPatch: (id: string, patch: FindingPatch) => void;
  onLocate?: (id: string) => void;
  onScreenshot?: (id: string) => void;
}

/** One finding with its evidence and the inspector's three verbs: 确认, 排除, 修改. Text only, never HTML. */
export function FindingCard({ finding: f, index, orphan, onPatch, onLocate, onScreenshot }: FindingCardProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(f.message);
  const [reason, setReason] = useState<string | null>(null);
  const detail = findingEvidence(f);
  return (
    <div class={`gsi-card gsi-${f.status}`} data-finding-id={f.id} data-rule={f.ruleId} data-status={f.status}>
      <div class="gsi-card-head">
        {index !== undefined && <span class="gsi-num">{index}</span>}
        <span class="gsi-sev" style={{ background: SEVERITY_COLOR[f.severity] }}>{SEVERITY_LABEL[f.severity]}</span>
        <span class="gsi-rule">{ruleTitle(f.ruleId)}</span>
        {f.review && <span class="gsi-review">待核实</span>}
        <span class="gsi-status">{STATUS_LABEL[f.status]}</span>
      </div>
      {editing ? (
        <div class="gsi-edit">
          <textarea value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} rows={3} />
          <button class="gsi-btn" data-action="save" onClick={() => { onPatch(f.id, { message: draft }); setEditing(false); }}>保存</button>
          <button class="gsi-btn gsi-plain" onClick={() => setEditing(false)}>取消</button>
        </div>
      ) : (
        <div class="gsi-msg" onClick={() => onLocate?.(f.id)}>{f.message}</div>
      )}
      {f.quote && (
        <div class="gsi-quote">
          {orphan && <span class="gsi-orphan">原文已变化：</span>}“{f.quote.exact}”
        </div>
      )}
      {detail && (
        <div class="gsi-detail">{detail}</div>
      )}
      {f.note && <div class="gsi-note">备注：{f.note}</div>}
      <div class="gsi-actions">
        {f.status !== 'confirmed' && <button class="gsi-btn" data-action="confirm" onClick={() => onPatch(f.id, { status: 'confirmed' })}>确认</button>}
        {f.status !== 'dismissed' && reason === null && <button class="gsi-btn gsi-plain" data-action="dismiss" onClick={() => onPatch(f.id, { status: 'dismissed' })}>排除</button>}
        {f.status !== 'dismissed' && reason === null && <button class="gsi-btn gsi-plain" data-action="dismiss-why" onClick={() => setReason('')}>排除并注明…</button>}
        {f.status !== 'open' && <button class="gsi-btn gsi-plain" data-action="reopen" onClick={() => onPatch(f.id, { status: 'open' })}>撤销</button>}
        {!editing && <button class="gsi-btn gsi-plain" data-action="edit" onClick={() => { setDraft(f.message); setEditing(true); }}>修改</button>}
        {onScreenshot && <button class="gsi-btn gsi-plain" data-action="screenshot" onClick={() => onScreenshot(f.id)}>{f.screenshotId ? '重新截图' : '截图取证'}</button>}
      </div>
      {reason !== null && (
        <div class="gsi-edit">
          <input name="dismiss-reason" placeholder="排除原因（可选），如：专有名词。填写原因则本站各页的同一问题一并排除" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          <button class="gsi-btn" data-action="dismiss-confirm" onClick={() => { onPatch(f.id, { status: 'dismissed', dismissReason: reason.trim() }); setReason(null); }}>排除</button>
          <button class="gsi-btn gsi-plain" onClick={() => setReason(null)}>取消</button>
        </div>
      )}
      {f.screenshotId && <div class="gsi-note" data-testid="has-screenshot">已截图取证</div>}
      {f.dismissReason && <div class="gsi-note">排除原因：{f.dismissReason}</div>}
    </div>
  );
}
