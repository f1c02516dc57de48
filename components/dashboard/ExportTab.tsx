import { downloadFile } from '../download';
import { useState } from 'preact/hooks';
import { db, errorText, type Workspace } from './data';
import { roundSheets, sheetsFor } from '../../utils/db/workspace';
import { roundEvidencePack } from '../../utils/db/pack';
import { leftOutNotice } from '../../utils/db/export';
import { openFindingCount, sheetFileName } from '../../utils/sheets/sheets';
import { toCsv } from '../../utils/sheets/csv';
import { toXlsx } from '../../utils/sheets/xlsx';
import { roundLabel } from '../../utils/rounds';

export function ExportTab({ ws }: { ws: Workspace }) {
  const [includeOpen, setIncludeOpen] = useState(false);
  const [includeDismissed, setIncludeDismissed] = useState(false);
  const [packSite, setPackSite] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The whole round: from memory once loaded, else from the database (the same builder the popup uses).
  const sheets = async (withOpen: boolean) =>
    ws.complete
      ? sheetsFor(ws.round, ws.sites, ws.findings, { includeOpen: withOpen, includeDismissed }, new Set(ws.pages.map((p) => p.siteId)), ws.pages)
      : roundSheets(db, ws.round.id, { includeOpen: withOpen, includeDismissed });
  const open = openFindingCount(ws);
  const notice = (withOpen: boolean) => (withOpen ? '' : leftOutNotice(open));
  const sitesWithFindings = ws.sites.filter((s) => ws.findings.some((f) => f.siteId === s.id));

  const run = async (what: (withOpen: boolean) => Promise<string>, withOpen = includeOpen) => {
    setErr(null);
    setBusy(true);
    try {
      setMsg(`${await what(withOpen)}${notice(withOpen)}`);
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const csv = async (withOpen: boolean) => {
    const list = await sheets(withOpen);
    for (const s of list) downloadFile(sheetFileName(ws.round, s), toCsv(s.rows), 'text/csv;charset=utf-8');
    return `已导出 ${list.map((s) => sheetFileName(ws.round, s)).join('、')}。`;
  };
  const xlsx = async (withOpen: boolean) => {
    const name = `${roundLabel(ws.round.id)}-检查结果.xlsx`;
    downloadFile(name, toXlsx(await sheets(withOpen)), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return `已导出 ${name}。`;
  };
  const pack = async (withOpen: boolean) => {
    const p = await roundEvidencePack(db, ws.round.id, { siteId: packSite || undefined, includeOpen: withOpen });
    downloadFile(p.name, p.zip, 'application/zip');
    const missing = p.withoutSnapshot.length ? `；${p.withoutSnapshot.length} 条已确认问题没有网页快照（确认时页面未打开）` : '';
    return `已导出 ${p.name}（截图 ${p.screenshots} 张，网页快照 ${p.snapshots} 个${missing}）。`;
  };
  const [last, setLast] = useState<((withOpen: boolean) => Promise<string>) | null>(null);
  const start = (what: (withOpen: boolean) => Promise<string>) => {
    setLast(() => what);
    void run(what);
  };

  return (
    <section class="card">
      <h2>导出 {roundLabel(ws.round.id)} 检查表</h2>
      <p>三张表：网站检查结果、问题明细、政务新媒体检查结果。CSV 为 UTF-8（带 BOM），Excel 可直接打开；网站标识码和日期按文本保存。</p>
      {open > 0 && <p class="muted">本轮还有 {open} 条待确认的问题，默认不导出；确认后再导出，或勾选下面的选项。</p>}
      <label><input type="checkbox" data-testid="include-open" checked={includeOpen} onChange={(e) => setIncludeOpen((e.target as HTMLInputElement).checked)} /> 问题明细包含待确认的问题</label>
      <br />
      <label><input type="checkbox" checked={includeDismissed} onChange={(e) => setIncludeDismissed((e.target as HTMLInputElement).checked)} /> 问题明细包含已排除的问题（附排除理由）</label>
      <p>
        <button data-action="export-csv" disabled={busy} onClick={() => start(csv)}>导出 CSV（3 个文件）</button>
        <button class="plain" data-action="export-xlsx" disabled={busy} onClick={() => start(xlsx)}>导出 Excel 工作簿（.xlsx）</button>
      </p>
      <h3>证据包</h3>
      <p class="muted">一个 zip：三张表的 CSV、.xlsx 工作簿、全部截图和确认问题时保存的网页快照（MHTML），文件按问题明细的序号命名，附“说明.txt”。网站有异议时可离线核对。</p>
      <p>
        <select data-testid="pack-site" value={packSite} onChange={(e) => setPackSite((e.target as HTMLSelectElement).value)}>
          <option value="">全部网站</option>
          {sitesWithFindings.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>{' '}
        <button data-action="export-pack" disabled={busy} onClick={() => start(pack)}>导出证据包（.zip）</button>
      </p>
      {msg && <p class="ok" data-testid="export-message">{msg}</p>}
      {msg && last && !includeOpen && open > 0 && (
        <button class="plain" data-action="export-with-open" onClick={() => { setIncludeOpen(true); void run(last, true); }}>包含这 {open} 条待确认问题重新导出</button>
      )}
      {err && <p class="error">{err}</p>}
    </section>
  );
}
