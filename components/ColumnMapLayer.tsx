import { useState } from 'preact/hooks';
import type { ColumnClass } from '../utils/scan/columns';

/** One outlined column, in document coordinates. */
export interface MapBox {
  key: string;
  label: string;
  name: string;
  cls: ColumnClass;
  blank: boolean;
  stale: boolean;
  yearAmbiguous: boolean;
  corrected: boolean;
  rect: { left: number; top: number; width: number; height: number } | null;
}

export interface MapEdit {
  name: string;
  cls: ColumnClass;
  /** null: as detected. */
  blank: boolean | null;
  notColumn: boolean;
}

export interface ColumnMapLayerProps {
  boxes: MapBox[];
  /** The block under the pointer while picking a missed column. */
  picking: { rect: MapBox['rect'] } | null;
  /** The box being edited (or 'new' for a picked block), with its starting values. */
  editing: { key: string; initial: MapEdit; added: boolean } | null;
  error: string | null;
  onEdit: (key: string) => void;
  onSave: (edit: MapEdit) => void;
  onCancelEdit: () => void;
  onStartPick: () => void;
  onClose: () => void;
}

export const CLASS_CHOICES: [ColumnClass, string][] = [
  ['news', '动态要闻类（2周）'],
  ['notice', '通知公告、政策文件类（6个月）'],
  ['other', '其他应更新栏目（1年）'],
];

// .gsi-map shares the mark layer's z-index and comes after it in the shadow root, so it paints on
// top: a column's label sits exactly where a column mark puts its tag (above the heading), and while
// the map is open its labels are what the inspector reads and clicks. The panel stays above both.
export const COLUMN_MAP_CSS = `
.gsi-map { position: absolute; left: 0; top: 0; width: 0; height: 0; z-index: 2147483646; }
.gsi-col { position: absolute; border: 2px solid #2e7d32; background: rgba(46,125,50,.06); pointer-events: none; box-sizing: border-box; border-radius: 3px; }
.gsi-col.stale { border-color: #c62828; background: rgba(198,40,40,.07); }
.gsi-col.blank { border-style: dashed; border-color: #6d4c41; background: repeating-linear-gradient(45deg, rgba(109,76,65,.08) 0 8px, transparent 8px 16px); }
.gsi-col.doubt { border-color: #ef6c00; }
.gsi-col-tag { position: absolute; transform: translateY(-100%); font: 12px/16px sans-serif; padding: 1px 6px; color: #fff; background: #2e7d32; border-radius: 3px 3px 0 0; white-space: nowrap; max-width: 420px; overflow: hidden; text-overflow: ellipsis; cursor: pointer; pointer-events: auto; }
.gsi-col-tag.stale { background: #c62828; } .gsi-col-tag.blank { background: #6d4c41; } .gsi-col-tag.doubt { background: #ef6c00; }
.gsi-pick { position: absolute; border: 2px solid #1565c0; background: rgba(21,101,192,.12); pointer-events: none; }
.gsi-mapbar { position: fixed; right: 12px; top: 12px; z-index: 2147483647; background: #fff; color: #222; border: 1px solid #999; border-radius: 6px; padding: 6px 10px; font: 13px/1.5 sans-serif; box-shadow: 0 2px 10px rgba(0,0,0,.25); max-width: 460px; }
.gsi-mapbar button, .gsi-coledit button { font-size: 12px; margin: 2px 4px 2px 0; padding: 2px 8px; cursor: pointer; }
.gsi-mapbar .muted { color: #666; font-size: 12px; }
.gsi-coledit { position: fixed; right: 12px; top: 110px; z-index: 2147483647; background: #fff; color: #222; border: 1px solid #999; border-radius: 6px; padding: 8px 10px; font: 13px/1.6 sans-serif; box-shadow: 0 2px 10px rgba(0,0,0,.25); width: 300px; }
.gsi-coledit label { display: block; margin: 4px 0; }
.gsi-coledit input, .gsi-coledit select { font-size: 13px; width: 100%; box-sizing: border-box; }
.gsi-coledit .error { color: #c62828; }
`;

function cls(b: MapBox): string {
  return b.blank ? 'blank' : b.stale ? 'stale' : b.yearAmbiguous ? 'doubt' : '';
}

/** The column map: every detected column outlined with its name, class, newest date and age. */
export function ColumnMapLayer(p: ColumnMapLayerProps) {
  const shown = p.boxes.filter((b) => b.rect);
  const hidden = p.boxes.filter((b) => !b.rect);
  const counts = { stale: p.boxes.filter((b) => b.stale).length, blank: p.boxes.filter((b) => b.blank).length };
  return (
    <>
      <div class="gsi-map" data-testid="column-map">
        {shown.map((b) => (
          <div key={b.key}>
            <div class={`gsi-col ${cls(b)}`} data-column={b.name} style={box(b.rect!)} />
            <div class={`gsi-col-tag ${cls(b)}`} data-column-tag={b.name} title={`${b.label}（点击修正）`} style={{ left: `${b.rect!.left}px`, top: `${b.rect!.top}px` }} onClick={() => p.onEdit(b.key)}>
              {b.label}
            </div>
          </div>
        ))}
        {p.picking?.rect && <div class="gsi-pick" style={box(p.picking.rect)} />}
      </div>
      <div class="gsi-mapbar" data-testid="column-map-bar">
        <b>栏目图</b>：本页识别 {p.boxes.length} 个栏目（超期 {counts.stale}，空白 {counts.blank}）
        {hidden.length > 0 && <div class="muted">未显示在页面上（隐藏的标签页等）：{hidden.map((b) => b.label).join('；')}</div>}
        {p.picking ? (
          <div class="muted">请点击漏检的栏目区域（Esc 取消）</div>
        ) : (
          <div>
            <button data-action="pick-column" onClick={p.onStartPick}>添加漏检栏目</button>
            <button data-action="close-map" onClick={p.onClose}>关闭栏目图（Alt+Shift+L）</button>
          </div>
        )}
        {p.error && <div class="error">{p.error}</div>}
      </div>
      {p.editing && <Editor {...p.editing} error={p.error} onSave={p.onSave} onCancel={p.onCancelEdit} />}
    </>
  );
}

function box(r: NonNullable<MapBox['rect']>) {
  return { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` };
}

function Editor(p: { initial: MapEdit; added: boolean; error: string | null; onSave: (e: MapEdit) => void; onCancel: () => void }) {
  const [name, setName] = useState(p.initial.name);
  const [klass, setKlass] = useState<ColumnClass>(p.initial.cls);
  const [blank, setBlank] = useState<string>(p.initial.blank === null ? 'auto' : p.initial.blank ? 'yes' : 'no');
  const save = (notColumn: boolean) => p.onSave({ name: name.trim(), cls: klass, blank: blank === 'auto' ? null : blank === 'yes', notColumn });
  return (
    <div class="gsi-coledit" data-testid="column-editor">
      <b>{p.added ? '添加漏检栏目' : '修正栏目'}</b>（本网站以后的检查都按此处理）
      <label>
        栏目名称
        <input data-field="column-name" value={name} maxLength={30} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        栏目类别
        <select data-field="column-class" value={klass} onChange={(e) => setKlass((e.target as HTMLSelectElement).value as ColumnClass)}>
          {CLASS_CHOICES.map(([v, l]) => (
            <option key={v} value={v}>{l}</option>
          ))}
        </select>
      </label>
      <label>
        空白栏目
        <select data-field="column-blank" value={blank} onChange={(e) => setBlank((e.target as HTMLSelectElement).value)}>
          <option value="auto">按识别结果</option>
          <option value="yes">是空白栏目</option>
          <option value="no">不是空白栏目</option>
        </select>
      </label>
      <div>
        <button data-action="save-column" disabled={!name.trim()} onClick={() => save(false)}>保存</button>
        {!p.added && <button data-action="not-column" onClick={() => save(true)}>不是栏目</button>}
        <button data-action="cancel-column" onClick={p.onCancel}>取消</button>
      </div>
      {p.error && <div class="error">{p.error}</div>}
    </div>
  );
}
