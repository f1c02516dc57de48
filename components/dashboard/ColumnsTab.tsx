import { useState } from 'preact/hooks';
import { db, errorText, useLive } from './data';
import { deleteCorrection, listCorrections, updateCorrection } from '../../utils/db/column-corrections';
import type { ColumnCorrection, CorrectionPatch } from '../../utils/scan/corrections';
import type { ColumnClass } from '../../utils/scan/columns';
import { CLASS_CHOICES } from '../ColumnMapLayer';

/**
 * 栏目修正: every correction the inspector made on a column map, per site. They apply
 * on every later visit and in later rounds; here they can be changed or removed.
 */
export function ColumnsTab() {
  // A live query: the list follows corrections made on pages meanwhile.
  const list = useLive(() => listCorrections(db), [], [] as ColumnCorrection[]);
  const [err, setErr] = useState<string | null>(null);
  const apply = async (id: string, patch: CorrectionPatch) => {
    try {
      await updateCorrection(db, id, patch);
      setErr(null);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const remove = async (id: string) => {
    try {
      await deleteCorrection(db, id);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <section class="card">
      <h2>栏目修正（{list.length}）</h2>
      <p class="muted">在页面“栏目图”中所做的修正（改名、改类别、认定空白、不是栏目、添加漏检栏目）按网站保存，以后每次访问和下一轮检查都会应用。页面改版后按栏目标题文字重新定位。</p>
      {err && <p class="error">{err}</p>}
      {list.length === 0 ? (
        <p class="muted">尚无栏目修正。在网页上按 Alt+Shift+L 或在弹出窗口点“显示 / 隐藏栏目图”后，点击栏目标签即可修正。</p>
      ) : (
        <table data-testid="corrections-table">
          <thead>
            <tr><th>网站</th><th>识别名称</th><th>修正后名称</th><th>类别</th><th>空白栏目</th><th>不是栏目</th><th>页面</th><th></th></tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-correction-id={c.id}>
                <td>{c.site}</td>
                <td>{c.originalName}{c.added && <span class="muted">（人工添加）</span>}</td>
                <td>
                  <input value={c.name ?? ''} placeholder="（不改名）" maxLength={30} onChange={(e) => void apply(c.id, { name: (e.target as HTMLInputElement).value })} />
                </td>
                <td>
                  <select value={c.cls ?? ''} onChange={(e) => void apply(c.id, { cls: ((e.target as HTMLSelectElement).value || null) as ColumnClass | null })}>
                    <option value="">按名称判断</option>
                    {CLASS_CHOICES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                  </select>
                </td>
                <td>
                  <select value={c.blank === null || c.blank === undefined ? '' : c.blank ? 'yes' : 'no'} onChange={(e) => { const v = (e.target as HTMLSelectElement).value; void apply(c.id, { blank: v === '' ? null : v === 'yes' }); }}>
                    <option value="">按识别结果</option>
                    <option value="yes">是</option>
                    <option value="no">否</option>
                  </select>
                </td>
                <td><input type="checkbox" checked={!!c.notColumn} onChange={(e) => void apply(c.id, { notColumn: (e.target as HTMLInputElement).checked })} /></td>
                <td><a href={c.pageUrl} target="_blank" rel="noreferrer">{c.pageUrl}</a></td>
                <td><button class="plain" data-action="delete-correction" onClick={() => void remove(c.id)}>删除</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
