import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { send } from '../utils/messages';
import type { LinkRun } from '../utils/check-messages';
import { KIND_LABEL } from '../utils/net/classify';
import { LINK_LIMITS } from '../utils/links/limits';
import { NetDiagnosticsNote, grantNetDiagnostics } from './NetDiagnostics';

/**
 * 检查链接 for one tab: start, watch the progress, stop; broken links are listed here with
 * their status and, once the run ends, marked in the page like other findings.
 */
export function LinkCheck({ tabId }: { tabId: number }) {
  const [run, setRun] = useState<LinkRun | null>(null);
  const [error, setError] = useState('');
  const [grants, setGrants] = useState(0);
  // Polled always: a run may also be started from the popup while this panel is open.
  useEffect(() => {
    const read = () => void send({ type: 'links:status', tabId }).then((r) => setRun(r.run), () => undefined);
    read();
    const t = setInterval(read, run?.state === 'running' ? 500 : 1500);
    return () => clearInterval(t);
  }, [tabId, run?.state]);

  const start = async () => {
    // Inside the click, before anything is awaited: Chrome needs the gesture.
    void grantNetDiagnostics().then(() => setGrants((n) => n + 1));
    setError('');
    try {
      setRun((await send({ type: 'links:check', tabId })).run);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section class="link-check" data-testid="link-check">
      <div class="gsi-group">链接检查</div>
      {run?.state === 'running' ? (
        <button class="gsi-btn" data-action="links-stop" onClick={() => void send({ type: 'links:stop', tabId })}>停止检查</button>
      ) : (
        <button class="gsi-btn" data-action="links-check" onClick={() => void start()}>检查本页链接</button>
      )}
      {error && <p class="gsi-state gsi-error">{error}</p>}
      {run && <NetDiagnosticsNote refresh={grants} />}
      {run && <LinkResults run={run} onRun={setRun} />}
    </section>
  );
}

/**
 * Progress and the broken (and unchecked) links of a run, page text shown as text only; for the
 * roster, the home pages that did not open and which home page each broken link is on.
 */
export function LinkResults({ run, onRun }: { run: LinkRun; onRun: (run: LinkRun) => void }) {
  const broken = run.results.filter((r) => r.verdict.broken);
  const state = { running: '检查中', done: '检查完成', stopped: '已停止', failed: '检查出错' }[run.state];
  const roster = run.key === 'roster';
  const titleOf = new Map(run.pages.map((p) => [p.url, p.title]));
  const failedPages = run.pages.filter((p) => p.state === 'failed');
  return (
    <div data-testid="link-run" data-state={run.state}>
      <div class="muted">
        {state}：{roster ? '已读取首页并检查链接 ' : '已检查 '}
        <span data-testid="links-progress">{run.checked}/{run.planned}</span>
        <progress max={run.planned || 1} value={run.checked} style={{ marginLeft: '6px', verticalAlign: 'middle' }} />
        {run.total > run.planned - (roster ? run.pages.length : 0) && `（${roster ? '首页' : '页面'}共 ${run.total} 个链接，每页最多检查 ${LINK_LIMITS.linksPerPage} 个）`}
      </div>
      {run.error && <p class="gsi-state gsi-error">{run.error}</p>}
      {run.state !== 'running' && (
        <div class="muted" data-testid="links-summary">
          {roster && `已读取首页 ${run.pages.filter((p) => p.state === 'read').length}/${run.pages.length} 个${failedPages.length ? `（${failedPages.length} 个打不开）` : ''}；`}
          {roster ? '链接' : ''}无法打开 {broken.length} 个{run.unchecked ? `，未检查 ${run.unchecked} 个（无访问权限）` : ''}
        </div>
      )}
      {run.state !== 'running' && run.unchecked > 0 && <GrantAndRecheck run={run} onRun={onRun} />}
      {failedPages.length > 0 && (
        <ul class="broken-links">
          {failedPages.map((p) => (
            <li key={p.url} data-page-failed={p.url}>
              <b>首页打不开</b> {p.title}
              <div class="muted" style={{ wordBreak: 'break-all' }}>{p.url}　{p.reason}</div>
            </li>
          ))}
        </ul>
      )}
      <ul class="broken-links">
        {broken.map((r) => (
          <li key={`${r.pageUrl} ${r.link.url}`} data-broken={r.link.url} data-page={r.pageUrl} data-kind={r.verdict.kind}>
            <b>{KIND_LABEL[r.verdict.kind] ?? r.verdict.kind}</b> {r.link.text || '（无文字）'}
            {roster && <span class="muted">（{titleOf.get(r.pageUrl) ?? r.pageUrl} 首页）</span>}
            <div class="muted" style={{ wordBreak: 'break-all' }}>{r.link.url}　{r.verdict.reason}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * 未检查 links (站外 without the optional host grant): ask for the grant right here (a click in an
 * extension page may call permissions.request; Chrome shows its own prompt), then check them.
 */
function GrantAndRecheck({ run, onRun }: { run: LinkRun; onRun: (run: LinkRun) => void }) {
  const [msg, setMsg] = useState('');
  const go = async () => {
    setMsg('');
    try {
      const ok = await browser.permissions.request({ origins: ['<all_urls>'] });
      if (!ok) return setMsg('未授权：这些链接仍未检查');
      onRun((await send({ type: 'links:recheck', tabId: run.key })).run);
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <div>
      <button class="gsi-btn plain" data-action="links-grant" onClick={() => void go()}>
        允许访问站外网站并检查这 {run.unchecked} 个链接
      </button>
      {msg && <p class="gsi-state gsi-error" data-testid="links-grant-msg">{msg}</p>}
    </div>
  );
}

/** Popup: start the check on the active tab and follow it in the side panel. */
export function LinkCheckButton() {
  const [msg, setMsg] = useState('');
  const go = async () => {
    const granted = grantNetDiagnostics(); // while the click still counts as a user gesture
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    try {
      // The panel first, while the click still counts as a user gesture; it shows the run's progress.
      await browser.sidePanel.open({ tabId: tab.id });
      await send({ type: 'links:check', tabId: tab.id });
      await granted;
      window.close();
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <>
      <button class="plain" data-action="links-check" onClick={() => void go()}>检查本页链接</button>
      {msg && <p class="error">{msg}</p>}
    </>
  );
}
