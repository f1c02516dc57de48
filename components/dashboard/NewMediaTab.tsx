import { useMemo, useState } from 'preact/hooks';
import { byRosterOrder, db, errorText, type Workspace } from './data';
import { SiteForm } from './RosterTab';
import { isNewMediaStale, NEWMEDIA_PROBLEMS, setLatestPost, setNewMediaProblems, siteVerdict, verdictLabel } from '../../utils/db/workspace';
import type { Finding, Site } from '../../utils/db/types';

function AccountRow({ site, findings, ws, index }: { site: Site; findings: Finding[]; ws: Workspace; index: number }) {
  const current = findings.filter((f) => f.ruleId.startsWith('nm-'));
  const [codes, setCodes] = useState<string[]>(current.filter((f) => f.ruleId !== 'nm-other').map((f) => f.ruleId));
  const [other, setOther] = useState(current.find((f) => f.ruleId === 'nm-other')?.message ?? '');
  const latest = site.latestPost?.roundId === ws.round.id ? site.latestPost.date : '';
  const [date, setDate] = useState(latest);
  const [msg, setMsg] = useState<string | null>(null);
  const stale = date ? isNewMediaStale(date, ws.round.monitoringDate) : false;
  const verdict = siteVerdict(findings);
  const toggle = (code: string, on: boolean) => setCodes(on ? [...codes, code] : codes.filter((c) => c !== code));
  const save = async () => {
    try {
      if (date) await setLatestPost(db, site.id, ws.round.id, date, site.url);
      await setNewMediaProblems(db, site.id, ws.round.id, codes, other);
      setMsg('已保存');
    } catch (e) {
      setMsg(errorText(e));
    }
  };
  return (
    <tr data-site-id={site.id}>
      <td>{index + 1}</td>
      <td>{site.name}{site.url && <div class="muted">{site.url}</div>}</td>
      <td>{site.sponsor}</td>
      <td>{site.platform}</td>
      <td>
        <input type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
        {stale && (
          <div class="fail">
            距检查时间点已超过2周{!codes.includes('nm-stale') && <button class="plain" onClick={() => toggle('nm-stale', true)}>记为“2周内无更新”</button>}
          </div>
        )}
      </td>
      <td>
        {NEWMEDIA_PROBLEMS.map((p) => (
          <label key={p.code} style={{ display: 'block' }}>
            <input type="checkbox" data-problem={p.code} checked={codes.includes(p.code)} onChange={(e) => toggle(p.code, (e.target as HTMLInputElement).checked)} />
            {p.message}
            {p.severity === 'veto' && <span class="sev-veto">（单项否决）</span>}
          </label>
        ))}
        <input placeholder="其他问题" value={other} onInput={(e) => setOther((e.target as HTMLInputElement).value)} />
      </td>
      <td data-col="verdict">{current.length === 0 ? <span class="muted">—</span> : verdictLabel(verdict) === '合格' ? <span class="pass">合格</span> : verdictLabel(verdict) === '待审核' ? <span class="pending">待审核</span> : <span class="fail">不合格</span>}</td>
      <td>
        <button data-action="save-newmedia" onClick={() => void save()}>保存</button>
        {msg && <div class="muted">{msg}</div>}
      </td>
    </tr>
  );
}

export function NewMediaTab({ ws }: { ws: Workspace }) {
  const [adding, setAdding] = useState(false);
  const accounts = useMemo(
    () => ws.sites.filter((s) => s.kind === 'newmedia').sort(byRosterOrder),
    [ws.sites],
  );
  const bySite = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of ws.findings) {
      const l = m.get(f.siteId);
      if (l) l.push(f);
      else m.set(f.siteId, [f]);
    }
    return m;
  }, [ws.findings]);
  return (
    <section class="card">
      <h2>政务新媒体（{accounts.length} 个账号）</h2>
      <p class="muted">账号名单可在“网站名单”页导入（表头含账号名称、开设主体、平台）。在此记录本轮检查发现的问题；“2周内无更新”“未提供有效互动功能”为单项否决。</p>
      <button class="plain" data-action="add-account" onClick={() => setAdding(true)}>添加账号</button>
      {adding && <SiteForm site={null} kind="newmedia" onDone={() => setAdding(false)} />}
      <table data-testid="newmedia-table">
        <thead><tr><th>序号</th><th>账号名称</th><th>开设主体</th><th>平台</th><th>最近更新日期</th><th>存在的问题</th><th>检查结果</th><th></th></tr></thead>
        <tbody>
          {accounts.map((s, k) => (
            <AccountRow key={`${s.id}:${ws.round.id}`} site={s} findings={bySite.get(s.id) ?? []} ws={ws} index={k} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
