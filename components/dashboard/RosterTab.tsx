import { useMemo, useState } from 'preact/hooks';
import { db, errorText, readFileBytes, type Workspace } from './data';
import { browser } from 'wxt/browser';
import { importRoster, type RosterImport } from '../../utils/roster/import';
import { extraOrigins } from '../../utils/permissions';
import { applyRoster, NEWMEDIA_PLATFORMS, removeFromRoster, saveSite, summariseSites, type SiteInput, type SiteRow } from '../../utils/db/workspace';
import type { Site } from '../../utils/db/types';

type SortKey = 'roster' | 'name' | 'unit' | 'pages' | 'veto' | 'deduct' | 'hint' | 'open' | 'verdict';

const ENCODING_LABEL: Record<string, string> = { 'utf-8': 'UTF-8', gbk: 'GBK（Excel 中文版默认）', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };

function RosterImportCard() {
  const [file, setFile] = useState<string>('');
  const [parsed, setParsed] = useState<RosterImport | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  /** Rows written so far while an import runs (it commits all at once at the end). */
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const pick = async (input: HTMLInputElement) => {
    setResult(null);
    setErr(null);
    const f = input.files?.[0];
    if (!f) return;
    setFile(f.name);
    try {
      setParsed(importRoster(await readFileBytes(f), { now: Date.now() }));
    } catch (e) {
      setParsed(null);
      setErr(`无法读取名单：${errorText(e)}`);
    }
  };
  const doImport = async () => {
    if (!parsed) return;
    try {
      // Sites outside gov.cn need the user's grant before the scanner may run there; ask now,
      // while the click still counts as a user gesture. A refusal imports the roster all the same.
      const origins = extraOrigins(parsed.sites);
      const granted = origins.length ? await browser.permissions.request({ origins }).catch(() => false) : true;
      setProgress({ done: 0, total: parsed.sites.length });
      const r = await applyRoster(db, parsed.sites, Date.now(), (done, total) => setProgress({ done, total }));
      setResult(
        `已导入 ${parsed.sites.length} 个${parsed.kind === 'newmedia' ? '账号' : '网站'}（新增 ${r.added}，更新 ${r.updated}）${r.relinkedPages ? `，已关联此前检查的页面 ${r.relinkedPages} 个` : ''}。` +
          (granted ? '' : `以下网站不在 gov.cn 下且未获授权，浏览时不会自动扫描：${origins.map((o) => o.slice(4, -2)).join('、')}。`),
      );
      setParsed(null);
    } catch (e) {
      setErr(`导入失败，名单未做任何更改：${errorText(e)}`);
    } finally {
      setProgress(null);
    }
  };
  return (
    <section class="card">
      <h2>导入名单（CSV）</h2>
      <p class="muted">
        支持 Excel 另存的 CSV（UTF-8 或 GBK 均可）。表头按通报附件：序号、县(市)、部门、网站名称、网址、网站标识码、主办单位；政务新媒体名单用账号名称、开设主体、平台。其他列忽略。
      </p>
      <input type="file" accept=".csv,.txt,text/csv" data-testid="roster-file" onChange={(e) => void pick(e.target as HTMLInputElement)} />
      {parsed && (
        <div data-testid="roster-report">
          <p>
            {file}：编码 {ENCODING_LABEL[parsed.encoding] ?? parsed.encoding}，{parsed.kind === 'newmedia' ? '政务新媒体名单' : '网站名单'}，表头在第{parsed.headerLine}行；
            可导入 <b data-testid="roster-valid">{parsed.sites.length}</b> 条，有问题 <b data-testid="roster-bad">{parsed.errors.length}</b> 条。
          </p>
          {parsed.errors.length > 0 && (
            <ul class="error" data-testid="roster-errors">
              {parsed.errors.slice(0, 500).map((e, k) => (
                <li key={k} data-line={e.line}>{e.message}</li>
              ))}
            </ul>
          )}
          {parsed.sites.length > 0 && (
            <table>
              <thead><tr><th>县(市)、部门</th><th>名称</th><th>网址 / 平台</th><th>网站标识码</th><th>主办单位 / 开设主体</th></tr></thead>
              <tbody>
                {parsed.sites.slice(0, 200).map((s) => (
                  <tr key={s.id}><td>{s.unit}</td><td>{s.name}</td><td>{s.kind === 'newmedia' ? s.platform : s.hosts.join('、')}</td><td>{s.siteCode}</td><td>{s.sponsor}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          {progress && (
            <p data-testid="roster-progress">
              正在导入：已写入 {progress.done} / {progress.total} 条（全部写完才生效，中途出错则不做任何更改） <progress max={progress.total} value={progress.done} />
            </p>
          )}
          <button data-action="roster-import" disabled={parsed.sites.length === 0 || progress !== null} onClick={() => void doImport()}>
            导入 {parsed.sites.length} 条有效记录{parsed.errors.length ? `（跳过 ${parsed.errors.length} 条有问题的行）` : ''}
          </button>
          <button class="plain" onClick={() => setParsed(null)}>取消</button>
        </div>
      )}
      {result && <p class="ok" data-testid="roster-result">{result}</p>}
      {err && <p class="error" data-testid="roster-error">{err}</p>}
    </section>
  );
}

const EMPTY_INPUT: SiteInput = { kind: 'website', name: '', urls: '', siteCode: '', sponsor: '', unit: '', platform: '' };

export function SiteForm({ site, kind, onDone }: { site: Site | null; kind: Site['kind']; onDone: () => void }) {
  const [input, setInput] = useState<SiteInput>(
    site
      ? { id: site.id, kind: site.kind, name: site.name, urls: site.kind === 'website' ? site.hosts.join(' ') : site.url, siteCode: site.siteCode, sponsor: site.sponsor, unit: site.unit, platform: site.platform }
      : { ...EMPTY_INPUT, kind, platform: kind === 'newmedia' ? '微信公众号' : '' },
  );
  const [err, setErr] = useState<string | null>(null);
  const field = (k: keyof SiteInput, label: string, size = 24) => (
    <label>
      {label} <input name={k} value={String(input[k] ?? '')} size={size} onInput={(e) => setInput({ ...input, [k]: (e.target as HTMLInputElement).value })} />
    </label>
  );
  return (
    <form
      class="inline"
      data-testid="site-form"
      onSubmit={(e) => {
        e.preventDefault();
        setErr(null);
        saveSite(db, input).then(onDone, (x) => setErr(errorText(x)));
      }}
    >
      {field('name', input.kind === 'newmedia' ? '账号名称' : '网站名称')}
      {input.kind === 'website' ? field('urls', '网址（可填多个域名，用空格分隔）', 40) : field('urls', '账号链接', 30)}
      {input.kind === 'website' && field('siteCode', '网站标识码', 12)}
      {field('sponsor', input.kind === 'newmedia' ? '开设主体' : '主办单位')}
      {field('unit', '县(市)、部门', 12)}
      {input.kind === 'newmedia' && (
        <label>
          平台{' '}
          <select name="platform" value={input.platform} onChange={(e) => setInput({ ...input, platform: (e.target as HTMLSelectElement).value })}>
            {NEWMEDIA_PLATFORMS.map((p) => <option key={p}>{p}</option>)}
          </select>
        </label>
      )}
      <button data-action="save-site">{site ? '保存修改' : '添加'}</button>
      <button type="button" class="plain" onClick={onDone}>取消</button>
      {err && <span class="error">{err}</span>}
    </form>
  );
}

export function RosterTab({ ws }: { ws: Workspace }) {
  // Only this tab reads the per-site summary: other tabs do not pay for it on every change.
  const rows = useMemo(() => summariseSites(ws.sites, ws.pages, ws.findings), [ws.sites, ws.pages, ws.findings]);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'roster', dir: 1 });
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<'all' | 'pass' | 'fail'>('all');
  const [scope, setScope] = useState<'roster' | 'all'>('roster');
  const [editing, setEditing] = useState<Site | 'new' | null>(null);

  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const list = rows.filter(
      (r) =>
        r.site.kind === 'website' &&
        (scope === 'all' || r.site.onRoster) &&
        (verdict === 'all' || (verdict === 'pass') === r.verdict.qualified) &&
        (!needle || `${r.site.name} ${r.site.unit} ${r.site.hosts.join(' ')} ${r.site.siteCode}`.toLowerCase().includes(needle)),
    );
    const val = (r: SiteRow): number | string => {
      switch (sort.key) {
        case 'roster': return r.site.onRoster && r.site.rosterIndex !== undefined ? r.site.rosterIndex : 1e9;
        case 'name': return r.site.name;
        case 'unit': return r.site.unit;
        case 'pages': return r.pages;
        case 'veto': return r.bySeverity.veto;
        case 'deduct': return r.bySeverity.deduct;
        case 'hint': return r.bySeverity.hint;
        case 'open': return r.byStatus.open;
        case 'verdict': return r.verdict.qualified ? 1 : 0;
      }
    };
    return list.sort((a, b) => {
      const x = val(a);
      const y = val(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-Hans-CN');
      return c * sort.dir || a.site.name.localeCompare(b.site.name, 'zh-Hans-CN');
    });
  }, [rows, sort, text, verdict, scope]);

  const th = (key: SortKey, label: string) => (
    <th class="sortable" data-sort={key} onClick={() => setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })}>
      {label}
      {sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
    </th>
  );
  const failCount = shown.filter((r) => !r.verdict.qualified).length;

  return (
    <div>
      <RosterImportCard />
      <section class="card">
        <h2>网站名单（{shown.length}，不合格 {failCount}）</h2>
        <div class="filters">
          <input placeholder="搜索名称、域名、标识码" data-testid="roster-filter" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          <select value={verdict} onChange={(e) => setVerdict((e.target as HTMLSelectElement).value as typeof verdict)}>
            <option value="all">全部结果</option>
            <option value="pass">合格</option>
            <option value="fail">不合格</option>
          </select>
          <select value={scope} onChange={(e) => setScope((e.target as HTMLSelectElement).value as typeof scope)}>
            <option value="roster">名单内网站</option>
            <option value="all">含名单外已访问网站</option>
          </select>
          <button class="plain" data-action="add-site" onClick={() => setEditing('new')}>手工添加网站</button>
        </div>
        {editing && <SiteForm site={editing === 'new' ? null : editing} kind="website" onDone={() => setEditing(null)} />}
        <table data-testid="roster-table">
          <thead>
            <tr>
              {th('roster', '序号')}
              {th('unit', '县(市)、部门')}
              {th('name', '网站名称')}
              <th>域名</th>
              <th>网站标识码</th>
              {th('pages', '已检查页面')}
              {th('veto', '单项否决')}
              {th('deduct', '扣分')}
              {th('hint', '提示')}
              {th('open', '待确认')}
              <th>已确认 / 已排除 / 已整改</th>
              {th('verdict', '检查结果')}
              <th></th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, k) => (
              <tr key={r.site.id} data-site-id={r.site.id}>
                <td>{r.site.onRoster ? k + 1 : <span class="muted">名单外</span>}</td>
                <td>{r.site.unit}</td>
                <td data-col="name">{r.site.name}</td>
                <td>{r.site.hosts.join('、')}</td>
                <td>{r.site.siteCode}</td>
                <td data-col="pages">{r.pages}</td>
                <td class="sev-veto" data-col="veto">{r.bySeverity.veto}</td>
                <td class="sev-deduct" data-col="deduct">{r.bySeverity.deduct}</td>
                <td class="sev-hint" data-col="hint">{r.bySeverity.hint}</td>
                <td data-col="open">{r.byStatus.open}</td>
                <td>{r.byStatus.confirmed} / {r.byStatus.dismissed} / {r.byStatus.fixed}</td>
                <td data-col="verdict" title={r.verdict.reasons.join('\n')}>
                  {r.pages === 0 && r.byStatus.confirmed === 0 ? (
                    <span class="muted">未检查</span>
                  ) : r.verdict.qualified ? (
                    <span class="pass">合格</span>
                  ) : (
                    <span class="fail">不合格</span>
                  )}
                  {r.verdict.reasons.map((x, i) => <div key={i} class="muted">{x}</div>)}
                </td>
                <td>
                  <button class="plain" onClick={() => setEditing(r.site)}>编辑</button>
                  {r.site.onRoster && <button class="plain" onClick={() => void removeFromRoster(db, r.site.id)}>移出名单</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted">检查结果：存在已确认的单项否决问题，或栏目不更新/空白栏目数量达到单项否决标准时为“不合格”。</p>
      </section>
    </div>
  );
}
