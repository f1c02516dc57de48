import { downloadFile } from '../download';
import { useState } from 'preact/hooks';
import { db, errorText, readFileBytes, type Workspace } from './data';
import { clearAll, exportBackup, restoreBackups, type RestoreReport } from '../../utils/db/workspace';
import { backupFileName } from '../../utils/backup/backup';
import type { Finding, Round, Site } from '../../utils/db/types';

function describe(c: RestoreReport['conflicts'][number]): string {
  if (c.kind === 'finding') {
    const b = c.base as Finding;
    const i = c.incoming as Finding;
    return `问题“${b.message}”（${b.pageUrl}）：两边都修改过${c.fields.join('、')}，本机为 ${b.status}，导入文件为 ${i.status}；保留${c.kept === 'incoming' ? '导入文件' : '本机'}的较新修改`;
  }
  if (c.kind === 'site') {
    const b = c.base as Site;
    const i = c.incoming as Site;
    return `网站“${b.name}”：网站标识码不一致（本机 ${b.siteCode}，导入文件 ${i.siteCode}）`;
  }
  const b = c.base as Round;
  const i = c.incoming as Round;
  return `轮次 ${b.id}：检查时间点不一致（本机 ${b.monitoringDate}，导入文件 ${i.monitoringDate}），保留本机`;
}

export function BackupTab({ ws }: { ws: Workspace }) {
  const [files, setFiles] = useState<File[]>([]);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [report, setReport] = useState<RestoreReport | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [confirmText, setConfirmText] = useState('');
  const [busy, setBusy] = useState(false);

  const backup = async () => {
    setErr(null);
    try {
      const now = Date.now();
      const bytes = await exportBackup(db, now);
      downloadFile(backupFileName(now), bytes, 'application/gzip');
      setMsg(`已导出备份（${Math.ceil(bytes.length / 1024)} KB）`);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const restore = async () => {
    setErr(null);
    setMsg(null);
    setReport(null);
    setBusy(true);
    try {
      const list = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await readFileBytes(f) })));
      setReport(await restoreBackups(db, list, mode));
    } catch (e) {
      setErr(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const wipe = async () => {
    setErr(null);
    try {
      await clearAll(db);
      setConfirmText('');
      setMsg('已清空全部数据');
    } catch (e) {
      setErr(errorText(e));
    }
  };

  return (
    <div>
      <section class="card">
        <h2>备份</h2>
        <p>把全部数据（轮次、名单、页面、问题、排除记录、设置、截图取证）导出为一个压缩文件。当前共 {ws.findings.length} 条本轮问题。</p>
        <button data-action="backup-export" onClick={() => void backup()}>导出备份文件</button>
      </section>
      <section class="card">
        <h2>恢复与合并</h2>
        <p class="muted">可同时选择多位检查员的备份文件。任何一个文件损坏或不是本工具的备份时，全部不导入，现有数据不变。</p>
        <input type="file" multiple accept=".gz,.json,application/gzip" data-testid="backup-file" onChange={(e) => setFiles(Array.from((e.target as HTMLInputElement).files ?? []))} />
        <div>
          <label><input type="radio" name="mode" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} /> 合并到现有数据（不重复，较新的修改优先，冲突列出）</label>
          <br />
          <label><input type="radio" name="mode" data-testid="mode-replace" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} /> 用备份替换现有数据</label>
        </div>
        <button data-action="backup-restore" disabled={files.length === 0 || busy} onClick={() => void restore()}>
          {mode === 'merge' ? '合并' : '恢复'} {files.length} 个文件
        </button>
        {report && (
          <div data-testid="backup-result">
            <p class="ok">
              已{report.mode === 'merge' ? '合并' : '恢复'} {report.files} 个文件：新增问题 {report.stats.findingsAdded} 条，更新 {report.stats.findingsUpdated} 条，新增网站 {report.stats.sitesAdded}
              个，合并网站 {report.stats.sitesMerged} 个。现共有问题 {report.counts.findings} 条、网站 {report.counts.sites} 个。
            </p>
            {report.conflicts.length > 0 && (
              <>
                <h3>冲突（{report.conflicts.length}）</h3>
                <ul data-testid="backup-conflicts">
                  {report.conflicts.map((c, k) => <li key={k}>{describe(c)}</li>)}
                </ul>
              </>
            )}
          </div>
        )}
      </section>
      <section class="card">
        <h2>清空数据</h2>
        <p class="muted">清空前请先导出备份。输入“清空”两字后点击按钮。</p>
        <input data-testid="clear-confirm" value={confirmText} onInput={(e) => setConfirmText((e.target as HTMLInputElement).value)} size={6} />
        <button data-action="clear-all" disabled={confirmText !== '清空'} onClick={() => void wipe()}>清空全部数据</button>
      </section>
      {msg && <p class="ok" data-testid="backup-message">{msg}</p>}
      {err && <p class="error" data-testid="backup-error">{err}</p>}
    </div>
  );
}
