import { useEffect, useState } from 'preact/hooks';
import { send } from '../../utils/messages';
import type { MonitorStatus, LinkRun } from '../../utils/check-messages';
import { DEFAULT_PLAN, V2, intervalOf, windowEnd } from '../../utils/availability/plan';
import { durationText, type SiteAvailability, type SlotState } from '../../utils/availability/summary';
import { LinkResults } from '../LinkCheck';
import { limitsText } from '../../utils/links/limits';
import { NetDiagnosticsNote, grantNetDiagnostics } from '../NetDiagnostics';

/**
 * 可用性监测: start a monitoring window for the round's roster, follow it per site (probes
 * done / failed, failure share against the 5 % line, longest outage, a timeline), stop it.
 * The verdict appears only once the window is complete; findings then join the 问题列表.
 */
export function AvailabilityTab({ rosterCount }: { rosterCount: number }) {
  const [status, setStatus] = useState<MonitorStatus | null>(null);
  const [days, setDays] = useState(DEFAULT_PLAN.days);
  const [perDay, setPerDay] = useState(DEFAULT_PLAN.probesPerDay);
  const [error, setError] = useState('');
  const [roster, setRoster] = useState<LinkRun | null>(null);
  const [grants, setGrants] = useState(0);
  // Inside the click, before anything is awaited: Chrome needs the gesture (granted without a prompt).
  const grant = () => void grantNetDiagnostics().then(() => setGrants((n) => n + 1));

  const load = () => send({ type: 'monitor:status' }).then(setStatus, (e: Error) => setError(e.message));
  useEffect(() => {
    void load();
    // A roster link check started before this page was (re)opened keeps running in the worker.
    void send({ type: 'links:status', tabId: 'roster' }).then((r) => setRoster(r.run), () => undefined);
    const t = setInterval(() => void load(), 2000);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    if (roster?.state !== 'running') return;
    const t = setInterval(() => void send({ type: 'links:status', tabId: 'roster' }).then((r) => setRoster(r.run)), 700);
    return () => clearInterval(t);
  }, [roster?.state]);

  const act = async (fn: () => Promise<unknown>) => {
    setError('');
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message);
    }
    void load();
  };

  const w = status?.window ?? null;
  const running = w?.state === 'running';
  const cost = rosterCount * days * perDay;
  return (
    <div>
      <section class="card">
        <h2>站点可用性监测（单项否决 V2 站点无法访问）</h2>
        <p class="muted">
          指标：监测 1 周，每天至少 {V2.visitsPerDay} 次、间隔访问首页；{V2.timeoutMs / 1000} 秒仍无响应计为失败；失败次数达总次数的 {V2.vetoShare * 100}% 即单项否决。
          浏览器需保持运行（可最小化）；关闭期间的探测记为“未执行”，某天不足 {V2.visitsPerDay} 次则不作结论。探测不携带 Cookie，只访问名单中网站的首页。
        </p>
        <NetDiagnosticsNote refresh={grants} />
        {error && <p class="error" data-testid="monitor-error">{error}</p>}
        {!running && (
          <form class="inline" onSubmit={(e) => { e.preventDefault(); grant(); void act(() => send({ type: 'monitor:start', plan: { days, probesPerDay: perDay } })); }}>
            <label>监测天数 <input type="number" min={1} max={31} value={days} data-field="days" onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} style={{ width: '4em' }} /></label>
            <label>每天探测次数 <input type="number" min={1} max={96} value={perDay} data-field="per-day" onInput={(e) => setPerDay(Number((e.target as HTMLInputElement).value))} style={{ width: '4em' }} /></label>
            <button type="submit" data-action="monitor-start" disabled={!rosterCount}>开始监测（{rosterCount} 个网站）</button>
            <span class="muted">共约 {cost.toLocaleString()} 次请求，每站每 {Math.round((24 * 60) / Math.max(1, perDay))} 分钟 1 次</span>
          </form>
        )}
        {w && (
          <div data-testid="monitor-window" data-state={w.state}>
            <p>
              {running ? '监测进行中' : w.state === 'finished' ? '监测已完成' : '监测已停止（窗口不完整，不作结论）'}：
              {fmt(w.startedAt)} 起，{w.plan.days} 天 × 每天 {w.plan.probesPerDay} 次
              {w.plan.dayMs !== DEFAULT_PLAN.dayMs && <b>（测试用加速窗口：每“天” {w.plan.dayMs / 1000} 秒）</b>}，
              预计 {fmt(windowEnd(w))} 结束；已完成 <span data-testid="monitor-progress">{status!.recorded}/{status!.planned}</span> 次
              <progress max={status!.planned} value={status!.recorded} style={{ marginLeft: '6px' }} />
              {running && <button class="plain" data-action="monitor-stop" onClick={() => void act(() => send({ type: 'monitor:stop' }))}>停止监测</button>}
            </p>
            <p class="muted">每站每 {durationText(intervalOf(w.plan))} 探测一次，各站错开；{w.targets.length} 个网站共 {status!.planned.toLocaleString()} 次请求。</p>
          </div>
        )}
      </section>
      {w && status && (
        <section class="card">
          <table data-testid="availability-table">
            <thead>
              <tr><th>网站</th><th>已探测</th><th>失败</th><th>失败占比（5%线）</th><th>最长中断</th><th>时间线</th><th>结论</th></tr>
            </thead>
            <tbody>
              {status.sites.map((s) => <SiteRow key={s.host} s={s} />)}
            </tbody>
          </table>
        </section>
      )}
      <section class="card">
        <h2>名单首页链接检查</h2>
        <p class="muted">
          逐个读取名单中网站的首页（不带 Cookie，不计入监测窗口），再检查首页上的每个链接（{limitsText()}）。
          无法打开的链接记为该首页的“链接无法打开”扣分问题，进入问题列表和报表，打开该首页时在页面上标出。
        </p>
        {roster?.state === 'running' ? (
          <button class="plain" data-action="roster-stop" onClick={() => void act(() => send({ type: 'links:stop', tabId: 'roster' }))}>停止</button>
        ) : (
          <button class="plain" data-action="roster-check" disabled={!rosterCount} onClick={() => { grant(); void act(async () => setRoster((await send({ type: 'links:roster' })).run)); }}>检查名单首页</button>
        )}
        {roster && <LinkResults run={roster} onRun={setRoster} />}
      </section>
    </div>
  );
}

function SiteRow({ s }: { s: SiteAvailability }) {
  const pct = s.share * 100;
  return (
    <tr data-host={s.host} data-verdict={s.verdict ?? 'none'}>
      <td>{s.name}<div class="muted">{s.host}</div></td>
      <td data-field="done">{s.done}/{s.planned}{s.missed ? <div class="muted">未执行 {s.missed}</div> : null}</td>
      <td data-field="failed">{s.failed}</td>
      <td data-field="share">
        <span class={pct >= V2.vetoShare * 100 ? 'fail' : ''}>{pct.toFixed(1)}%</span>
        <div style={{ position: 'relative', width: '120px', height: '6px', background: '#eee' }} title="竖线为 5% 否决线">
          <div style={{ width: `${Math.min(100, pct * 5)}%`, height: '6px', background: pct >= 5 ? '#c62828' : '#2e7d32' }} />
          <div style={{ position: 'absolute', left: '25%', top: '-2px', width: '1px', height: '10px', background: '#000' }} />
        </div>
      </td>
      <td>{s.longestOutageMs ? durationText(s.longestOutageMs) : s.failed ? '单次' : '—'}</td>
      <td><Timeline states={s.timeline} perDay={s.perDay.length ? s.timeline.length / s.perDay.length : 24} /></td>
      <td data-field="verdict">
        {s.verdict === 'veto' ? <span class="fail">站点无法访问（单项否决）</span> : s.verdict === 'pass' ? <span class="pass">合格</span> : <span class="muted">{s.incompleteReason}</span>}
      </td>
    </tr>
  );
}

const CELL: Record<SlotState, string> = { ok: '#66bb6a', fail: '#e53935', missed: '#bdbdbd', pending: '#eeeeee' };

/** One cell per probe, a gap between days: where the outages were, at a glance. */
function Timeline({ states, perDay }: { states: SlotState[]; perDay: number }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', maxWidth: '360px', lineHeight: 0 }} data-testid="timeline">
      {states.map((st, i) => (
        <span key={i} data-slot={st} style={{ display: 'inline-block', width: '2px', height: '12px', background: CELL[st], marginRight: (i + 1) % perDay === 0 ? '3px' : '0' }} />
      ))}
    </div>
  );
}

function fmt(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');
}
