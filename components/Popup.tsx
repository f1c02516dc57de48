import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send, sendToTab, type ResponseOf } from '../utils/messages';
import { downloadFile } from './download';
import { leftOutNotice } from '../utils/db/export';
import { SEVERITY_COLOR, SEVERITY_LABEL, SEVERITY_ORDER, STATUS_LABEL } from './labels';
import { ruleTitle } from '../utils/scan/rule-titles';
import { siteFreshnessVerdict, type FreshnessCount } from '../utils/scan/verdict';
import { LinkCheckButton } from './LinkCheck';
import { isPendingVeto } from '../utils/sheets/sheets';

type SiteData = ResponseOf<'findings:site'>;

export function Popup({ url }: { url: string }) {
  const [data, setData] = useState<SiteData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = () =>
    send({ type: 'findings:site', url }).then(setData, (e: Error) => setError(e.message));
  useEffect(() => {
    void load();
  }, [url]);

  const [leftOut, setLeftOut] = useState(0);
  const exportSheets = async (includeOpen = false) => {
    try {
      const reply = await send({ type: 'export:sheets', includeOpen });
      for (const f of reply.files) downloadFile(f.name, f.content);
      setLeftOut(reply.leftOut);
      setMessage(`已导出 ${reply.files.map((f) => f.name).join('、')}。${leftOutNotice(reply.leftOut)}`);
    } catch (e) {
      setError(`导出失败：${(e as Error).message}`);
    }
  };

  // Outline the columns the verdict rests on, in the page itself.
  const toggleColumnMap = async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const shown = await sendToTab(tab.id, { type: 'columns:map' }, { frameId: 0 }).catch(() => undefined);
    setMessage(shown === undefined ? '本页未运行巡检（非政府网站页面或尚未加载完成）' : shown ? '已在页面上显示栏目图（Alt+Shift+L 关闭）' : '已关闭栏目图');
  };

  const openSidePanel = async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await browser.sidePanel.open({ tabId: tab.id });
    window.close();
  };

  // captureVisibleTab needs activeTab (granted by opening this popup on the tab) or this optional permission.
  const allowCapture = async () => {
    const ok = await browser.permissions.request({ origins: ['<all_urls>'] });
    setMessage(ok ? '已开启：页面中的“截图取证”可直接使用' : '未授权：仍可在页面右键选择“截图取证”或按 Alt+Shift+S');
  };

  const setDate = async (date: string) => {
    if (!data || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    await send({ type: 'round:set', roundId: data.round.id, monitoringDate: date });
    void load();
  };

  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">读取中…</p>;
  const live = data.findings.filter((f) => f.status !== 'dismissed' && f.stillPresent);
  const confirmedVeto = live.some((f) => f.status === 'confirmed' && f.severity === 'veto');
  const pendingVetoes = data.findings.filter(isPendingVeto).length;
  // Counted on every finding not dismissed: the inspector sees how close the site is to 单项否决.
  const fresh = siteFreshnessVerdict(data.findings);
  const columns = columnsSeen(data);
  const replies = replyMedian(data.pages);
  return (
    <div>
      <header>
        <h1>政府网站巡检助手</h1>
        <div class="round">
          检查轮次 {data.round.id}　检查时间点{' '}
          <input type="date" value={data.round.monitoringDate} onChange={(e) => void setDate((e.target as HTMLInputElement).value)} />
        </div>
      </header>
      <section>
        <h2 data-testid="site-name">{data.site ? data.site.name : '本页不属于已检查的网站'}</h2>
        {data.site && (
          <div class="muted">
            {data.site.hosts.join('、')}　已检查页面 {data.pages.length} 个　
            检查结果：{confirmedVeto ? <span class="verdict-fail">不合格（存在已确认的单项否决问题）</span> : pendingVetoes ? <span class="verdict-fail" data-testid="verdict-pending">待审核（{pendingVetoes} 条单项否决问题待确认）</span> : <span class="verdict-pass">暂未发现单项否决</span>}
          </div>
        )}
      </section>
      <section>
        <div class="counts">
          {SEVERITY_ORDER.map((s) => (
            <div key={s} class="count" style={{ background: SEVERITY_COLOR[s] }} data-testid={`count-${s}`}>
              <b>{live.filter((f) => f.severity === s).length}</b>
              {SEVERITY_LABEL[s]}
            </div>
          ))}
        </div>
      </section>
      <section data-testid="freshness">
        <h2>更新情况（单项否决计数）</h2>
        <table>
          <tbody>
            <tr><td>首页不更新</td><td class={fresh.homeStale ? 'verdict-fail' : ''}>{fresh.homeStale ? '是（单项否决）' : '否'}</td></tr>
            <CountRow id="staleShort" label="动态要闻类2周、通知公告/政策文件类6个月未更新" c={fresh.staleShort} />
            <CountRow id="staleLong" label="其他应更新栏目1年以上未更新（长期未更新）" c={fresh.staleLong} />
            <CountRow id="blank" label="空白栏目" c={fresh.blank} />
            {replies && (
              <tr data-testid="reply-median"><td>留言答复用时（中位数，{replies.answered}条）</td><td class={replies.medianDays > 90 ? 'verdict-fail' : ''}>{replies.medianDays} 天</td></tr>
            )}
          </tbody>
        </table>
        <p class="muted">每个栏目只计入其中一项；待核实的栏目确认后才计入。</p>
      </section>
      <section>
        <h2>本站问题</h2>
        {live.length === 0 && <p class="muted">暂无问题。</p>}
        {SEVERITY_ORDER.map((s) => {
          const group = live.filter((f) => f.severity === s);
          if (!group.length) return null;
          return (
            <div key={s}>
              <div class="muted">{SEVERITY_LABEL[s]}</div>
              <ul>
                {group.map((f) => (
                  <li key={f.id} data-finding-id={f.id}>
                    [{STATUS_LABEL[f.status]}] {f.source === 'manual' ? '人工标记' : ruleTitle(f.ruleId)}：{f.message}
                    <span class="muted">（{f.pageTitle || f.pageUrl}）</span>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>
      {columns.length > 0 && (
        <section data-testid="columns">
          <h2>已见栏目（{columns.length}）</h2>
          <table>
            <thead><tr><th>栏目</th><th>最新日期</th><th>条数</th><th>判定</th></tr></thead>
            <tbody>
              {columns.map((c) => (
                <tr key={c.name}>
                  <td>{c.name}{c.corrected ? '（已人工修正）' : ''}</td><td>{c.newest ?? '无日期'}{c.yearAmbiguous ? '（年份待核实）' : ''}</td><td>{c.itemCount}</td>
                  <td class={c.verdict === '正常' ? '' : 'verdict-fail'}>{c.verdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section>
        <button data-action="export" onClick={() => void exportSheets()}>导出本季度检查表（CSV）</button>
        <button class="plain" data-action="sidepanel" onClick={() => void openSidePanel()}>在侧边栏中审核</button>
        <button class="plain" data-action="column-map" onClick={() => void toggleColumnMap()}>显示 / 隐藏栏目图</button>
        <LinkCheckButton />
        <button class="plain" data-action="allow-capture" onClick={() => void allowCapture()}>开启截图取证</button>
        <button class="plain" data-action="dashboard" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') })}>打开工作台</button>
        {message && <div class="muted" data-testid="export-message">{message}</div>}
        {leftOut > 0 && <button class="plain" data-action="export-with-open" onClick={() => void exportSheets(true)}>包含待确认问题重新导出</button>}
      </section>
    </div>
  );
}

/** One 单项否决 count with the columns it counts, so the inspector sees which column went where. */
function CountRow({ id, label, c }: { id: string; label: string; c: FreshnessCount }) {
  return (
    <tr data-testid={`count-row-${id}`} title={c.columns.join('、')}>
      <td>
        {label}
        {c.columns.length > 0 && <div class="muted">{c.columns.join('、')}</div>}
        {c.pending.length > 0 && <div class="muted">待核实（未计入）：{c.pending.join('、')}</div>}
      </td>
      <td class={c.reached ? 'verdict-fail' : ''}>{c.count} / {c.threshold}{c.reached ? '（单项否决）' : ''}</td>
    </tr>
  );
}

/** Columns seen on any page of the site, once each (newest date wins), with the rule verdict on them. */
function columnsSeen(data: SiteData) {
  const flagged = new Map<string, string>();
  for (const f of data.findings) {
    if (f.status === 'dismissed' || !f.stillPresent || typeof f.detail.column !== 'string') continue;
    if (f.ruleId === 'column-stale') flagged.set(f.detail.column, '未按时更新');
    if (f.ruleId === 'blank-column') flagged.set(f.detail.column, '空白栏目');
  }
  const byName = new Map<string, { name: string; newest: string | null; itemCount: number; verdict: string; yearAmbiguous: boolean; corrected: boolean }>();
  for (const c of data.pages.flatMap((p) => p.columns)) {
    const prev = byName.get(c.name);
    if (prev && (prev.newest ?? '') >= (c.newest ?? '')) continue;
    byName.set(c.name, { name: c.name, newest: c.newest, itemCount: c.itemCount, verdict: flagged.get(c.name) ?? '正常', yearAmbiguous: !!c.yearAmbiguous, corrected: !!c.corrected });
  }
  return Array.from(byName.values()).sort((a, b) => (a.verdict === '正常' ? 1 : 0) - (b.verdict === '正常' ? 1 : 0));
}

/** 互动回应: the median reply time over the 留言 pages seen, weighted by letters (each page's median stands for its letters). */
function replyMedian(pages: SiteData['pages']): { answered: number; medianDays: number } | null {
  const withReplies = pages.flatMap((p) => (p.replies ? [p.replies] : []));
  if (!withReplies.length) return null;
  const days = withReplies.flatMap((r) => Array<number>(r.answered).fill(r.medianDays)).sort((a, b) => a - b);
  const mid = days.length >> 1;
  return { answered: days.length, medianDays: days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2 };
}
