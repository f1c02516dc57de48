import { downloadFile } from '../download';
import { useState } from 'preact/hooks';
import { db, errorText, type Workspace } from './data';
import { roundSheets, sheetsFor } from '../../utils/db/workspace';
import { openFindingCount, sheetFileName } from '../../utils/sheets/sheets';
import { leftOutNotice } from '../../utils/db/export';
import { toCsv } from '../../utils/sheets/csv';
import { toXlsx } from '../../utils/sheets/xlsx';
import { roundLabel } from '../../utils/rounds';

export function ExportTab({ ws }: { ws: Workspace }) {
  const [includeOpen, setIncludeOpen] = useState(false);
  const [includeDismissed, setIncludeDismissed] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  // The whole round: from memory once loaded, else from the database (the same builder the popup uses).
  const sheets = async () =>
    ws.complete
      ? sheetsFor(ws.round, ws.sites, ws.findings, { includeOpen, includeDismissed }, new Set(ws.pages.map((p) => p.siteId)))
      : roundSheets(db, ws.round.id, { includeOpen, includeDismissed });
  const open = openFindingCount(ws);
  const leftOut = includeOpen ? '' : leftOutNotice(open);

  const csv = async () => {
    try {
      const list = await sheets();
      for (const s of list) downloadFile(sheetFileName(ws.round, s), toCsv(s.rows), 'text/csv;charset=utf-8');
      setMsg(`已导出 ${list.map((s) => sheetFileName(ws.round, s)).join('、')}。${leftOut}`);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const xlsx = async () => {
    try {
      const name = `${roundLabel(ws.round.id)}-检查结果.xlsx`;
      downloadFile(name, toXlsx(await sheets()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      setMsg(`已导出 ${name}。${leftOut}`);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  return (
    <section class="card">
      <h2>导出 {roundLabel(ws.round.id)} 检查表</h2>
      <p>三张表：网站检查结果、问题明细、政务新媒体检查结果。CSV 为 UTF-8（带 BOM），Excel 可直接打开。</p>
      {open > 0 && <p class="muted">本轮还有 {open} 条待确认的问题，默认不导出；确认后再导出，或勾选下面的选项。</p>}
      <label><input type="checkbox" data-testid="include-open" checked={includeOpen} onChange={(e) => setIncludeOpen((e.target as HTMLInputElement).checked)} /> 问题明细包含待确认的问题</label>
      <br />
      <label><input type="checkbox" checked={includeDismissed} onChange={(e) => setIncludeDismissed((e.target as HTMLInputElement).checked)} /> 问题明细包含已排除的问题（附排除理由）</label>
      <p>
        <button data-action="export-csv" onClick={csv}>导出 CSV（3 个文件）</button>
        <button class="plain" data-action="export-xlsx" onClick={xlsx}>导出 Excel 工作簿（.xlsx）</button>
      </p>
      {msg && <p class="ok" data-testid="export-message">{msg}</p>}
      {msg && leftOut && <button class="plain" data-action="include-open" onClick={() => setIncludeOpen(true)}>包含这些待确认问题（勾选后再导出）</button>}
      {err && <p class="error">{err}</p>}
    </section>
  );
}
