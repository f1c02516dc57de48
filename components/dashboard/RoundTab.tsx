import { useMemo, useState } from 'preact/hooks';
import { db, errorText, type Workspace } from './data';
import { setRound } from '../../utils/db/repo';
import { RECTIFICATION_LABEL, rectificationState, settleRectification, startRound, type RectificationState } from '../../utils/db/workspace';
import { compareRoundIds, defaultMonitoringDate, isQuarterRoundId, nextQuarter, roundLabel } from '../../utils/rounds';
import { ruleTitle } from '../../utils/scan/rule-titles';

export function RoundTab({ ws }: { ws: Workspace }) {
  const suggested = isQuarterRoundId(ws.round.id) ? nextQuarter(ws.round.id) : '';
  const [newId, setNewId] = useState(suggested);
  const [newDate, setNewDate] = useState(suggested ? defaultMonitoringDate(suggested, Date.now()) : '');
  const [msg, setMsg] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);

  const run = async (fn: () => Promise<string>) => {
    setErr(null);
    try {
      setMsg(await fn());
    } catch (e) {
      setErr(errorText(e));
    }
  };

  const pageByUrl = useMemo(() => new Map(ws.pages.map((p) => [p.url, p])), [ws.pages]);
  const carried = useMemo(
    () =>
      ws.findings
        .map((f) => ({ f, state: rectificationState(f, pageByUrl.get(f.pageUrl)) }))
        .filter((x): x is { f: typeof x.f; state: RectificationState } => x.state !== null),
    [ws.findings, pageByUrl],
  );
  const siteName = useMemo(() => new Map(ws.sites.map((s) => [s.id, s.name])), [ws.sites]);
  const count = (s: RectificationState) => carried.filter((x) => x.state === s).length;
  const order: RectificationState[] = ['fix-proposed', 'still-present', 'recheck-manual', 'pending', 'fixed', 'not-fixed'];
  const sorted = [...carried].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));

  return (
    <div>
      <section class="card">
        <h2>当前检查轮次</h2>
        <p>
          <b>{roundLabel(ws.round.id)}</b>（{ws.round.id}）　检查时间点{' '}
          <input
            type="date"
            data-testid="monitoring-date"
            value={ws.round.monitoringDate}
            onChange={(e) => {
              const v = (e.target as HTMLInputElement).value;
              if (/^\d{4}-\d{2}-\d{2}$/.test(v)) void run(async () => (await setRound(db, ws.round.id, v), `检查时间点已改为 ${v}`));
            }}
          />
        </p>
        <p class="muted">检查时间点是判断“栏目不更新”“首页不更新”的基准日期。</p>
        <h3>切换轮次</h3>
        <table>
          <thead><tr><th>轮次</th><th>检查时间点</th><th></th></tr></thead>
          <tbody>
            {[...ws.rounds].sort((a, b) => compareRoundIds(b.id, a.id)).map((r) => (
              <tr key={r.id} data-round-id={r.id}>
                <td>{roundLabel(r.id)}（{r.id}）</td>
                <td>{r.monitoringDate}</td>
                <td>
                  {r.id === ws.round.id ? (
                    <span class="muted">当前</span>
                  ) : (
                    <button class="plain" data-action="switch-round" onClick={() => void run(async () => (await setRound(db, r.id, r.monitoringDate), `已切换到 ${roundLabel(r.id)}`))}>
                      切换
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>开始新一轮</h3>
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              if (!newId.trim()) throw new Error('请填写轮次，例如 2025Q2');
              if (ws.rounds.some((r) => r.id === newId.trim())) throw new Error(`轮次 ${newId} 已存在，请在上表中切换`);
              const r = await startRound(db, newId.trim(), newDate);
              return r.carried > 0
                ? `已开始 ${roundLabel(r.round.id)}，从 ${r.from} 带入 ${r.carried} 个已确认问题待复核整改`
                : `已开始 ${roundLabel(r.round.id)}`;
            });
          }}
        >
          <label>轮次 <input data-testid="new-round-id" value={newId} onInput={(e) => setNewId((e.target as HTMLInputElement).value)} placeholder="2025Q2" size={8} /></label>
          <label>检查时间点 <input type="date" value={newDate} onInput={(e) => setNewDate((e.target as HTMLInputElement).value)} /></label>
          <button data-action="start-round">开始新一轮</button>
        </form>
        <p class="muted">新一轮开始时，上一轮已确认的问题会带入本轮，状态为“待复核”；重新打开相应页面后，若问题不再出现，会提示确认“已整改”。</p>
        {msg && <p class="ok" data-testid="round-message">{msg}</p>}
        {err && <p class="error">{err}</p>}
      </section>

      <section class="card">
        <h2>整改复核（{carried.length}）</h2>
        {carried.length === 0 ? (
          <p class="muted">本轮没有从上一轮带入的问题。</p>
        ) : (
          <>
            <p class="muted">
              建议确认已整改 {count('fix-proposed')}　仍存在 {count('still-present')}　需人工复核 {count('recheck-manual')}　尚未复核 {count('pending')}　已整改{' '}
              {count('fixed')}　未整改 {count('not-fixed')}
            </p>
            <table>
              <thead><tr><th>网站</th><th>问题</th><th>页面</th><th>复核情况</th><th></th></tr></thead>
              <tbody>
                {sorted.slice(0, 500).map(({ f, state }) => (
                  <tr key={f.id} data-rectification-id={f.id} data-state={state}>
                    <td>{siteName.get(f.siteId) ?? f.siteId}</td>
                    <td>{f.source === 'auto' ? `${ruleTitle(f.ruleId)}：` : ''}{f.message}</td>
                    <td><a href={`http://${f.pageUrl}`} target="_blank" rel="noreferrer">{f.pageTitle || f.pageUrl}</a></td>
                    <td>{RECTIFICATION_LABEL[state]}</td>
                    <td>
                      {state !== 'fixed' && (
                        <button data-action="settle-fixed" onClick={() => void run(async () => (await settleRectification(db, f.id, true), '已确认整改'))}>确认已整改</button>
                      )}
                      {state !== 'not-fixed' && (
                        <button class="plain" data-action="settle-not-fixed" onClick={() => void run(async () => (await settleRectification(db, f.id, false), '已记为未整改'))}>未整改</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {sorted.length > 500 && <p class="muted">仅显示前 500 条，其余请在“问题列表”中按“整改复核”筛选。</p>}
          </>
        )}
      </section>
    </div>
  );
}
