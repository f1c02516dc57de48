import { useEffect, useState } from 'preact/hooks';
import { useDocumentKeydown } from './use-document-keydown';
import { send, sendToTab } from '../utils/messages';
import { LinkCheck } from './LinkCheck';
import type { Dismissal, Finding } from '../utils/db/types';
import type { FindingPatch } from '../utils/db/repo';
import { FindingCard } from './FindingCard';
import { SEVERITY_LABEL, SEVERITY_ORDER } from './labels';
import { ruleTitle } from '../utils/scan/rule-titles';
import { SuspectList } from './SuspectList';
import { isListOnly } from '../utils/text/suspect/tiers';

const KEYS: [string, string][] = [
  ['J / K', '下一个 / 上一个问题（页面随之滚动并闪烁标记）'],
  ['C', '确认'],
  ['X', '排除'],
  ['E', '修改存在问题表述'],
  ['N', '新增问题（页面中先选中文字）'],
];

/** This tab's findings, grouped by severity and rule, reviewable by mouse or keyboard. */
export function SidePanel({ tabId }: { tabId: number | null }) {
  const [url, setUrl] = useState('');
  const [findings, setFindings] = useState<Finding[]>([]);
  const [orphans, setOrphans] = useState<Set<string>>(new Set());
  const [dismissals, setDismissals] = useState<Dismissal[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [shots, setShots] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (tabId === null) return;
    try {
      const r = await send({ type: 'tab:findings', tabId });
      setUrl(r.url);
      setFindings(r.findings);
      setDismissals((await send({ type: 'dismissals:list', url: r.url })).dismissals);
      const status = await sendToTab(tabId, { type: 'marks:status' }, { frameId: 0 }).catch(() => undefined);
      setOrphans(new Set(status?.orphans ?? []));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, [tabId]);

  const open = findings.filter((f) => f.status !== 'dismissed' && f.stillPresent);
  // suspected-typo's second tier: its own 疑似 list below, not the finding groups.
  const live = open.filter((f) => !isListOnly(f));
  const suspects = open.filter(isListOnly);
  const order = SEVERITY_ORDER.flatMap((s) => live.filter((f) => f.severity === s));

  const patch = async (id: string, p: FindingPatch) => {
    try {
      const { finding } = await send({ type: 'finding:update', id, patch: p });
      setFindings((list) => list.map((f) => (f.id === id ? finding : f)));
    } catch (e) {
      setError(`未能保存：${(e as Error).message}`);
    }
  };
  const locate = (id: string) => {
    setActive(id);
    if (tabId !== null) void sendToTab(tabId, { type: 'mark:locate', id }).catch(() => undefined);
  };
  const showShot = async (f: Finding) => {
    if (!f.screenshotId) return;
    const { dataUrl } = await send({ type: 'screenshot:get', id: f.screenshotId });
    if (dataUrl) setShots((s) => ({ ...s, [f.id]: dataUrl }));
  };

  useDocumentKeydown((e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.altKey || e.ctrlKey || e.metaKey) return;
    const at = active ? order.findIndex((f) => f.id === active) : -1;
    const key = e.key.toLowerCase();
    if (key === 'j' || key === 'k') {
      if (!order.length) return;
      const next = order[(at + (key === 'j' ? 1 : -1) + order.length) % order.length];
      locate(next.id);
    } else if (key === 'c' && active) void patch(active, { status: 'confirmed' });
    else if (key === 'x' && active) void patch(active, { status: 'dismissed' });
    else if (key === 'e' && active) (document.querySelector(`[data-finding-id="${active}"] [data-action="edit"]`) as HTMLElement | null)?.click();
    else if (key === 'n' && tabId !== null) void sendToTab(tabId, { type: 'flag:start', srcUrl: null }, { frameId: 0 });
    else return;
    e.preventDefault();
  });

  if (tabId === null) return <p class="muted">没有可检查的标签页。</p>;
  return (
    <div>
      <header>
        <h1>本页问题（{live.length}）</h1>
        <div class="url">{url}</div>
        <button class="gsi-btn gsi-plain" data-action="column-map" onClick={() => void sendToTab(tabId, { type: 'columns:map' }, { frameId: 0 }).catch(() => setError('本页未运行巡检，无法显示栏目图'))}>
          显示 / 隐藏栏目图（Alt+Shift+L）
        </button>
      </header>
      <main>
        {error && <p class="gsi-state gsi-error">{error}</p>}
        {live.length === 0 && <p class="muted">本页暂无问题。</p>}
        <LinkCheck tabId={tabId} />
        {SEVERITY_ORDER.map((s) => {
          const group = live.filter((f) => f.severity === s);
          if (!group.length) return null;
          const rules = Array.from(new Set(group.map((f) => f.ruleId)));
          return (
            <section key={s}>
              <div class="gsi-group">{SEVERITY_LABEL[s]}（{group.length}）</div>
              {rules.map((r) => (
                <div key={r}>
                  <div class="muted">{ruleTitle(r)}</div>
                  {group.filter((f) => f.ruleId === r).map((f) => (
                    <div key={f.id} class={active === f.id ? 'gsi-active' : ''}>
                      <FindingCard finding={f} orphan={orphans.has(f.id)} onPatch={(id, p) => void patch(id, p)} onLocate={locate} />
                      {f.screenshotId && !shots[f.id] && <button class="gsi-btn gsi-plain" data-action="show-shot" onClick={() => void showShot(f)}>查看截图</button>}
                      {shots[f.id] && <img class="shot" src={shots[f.id]} alt="取证截图" data-testid="screenshot" />}
                    </div>
                  ))}
                </div>
              ))}
            </section>
          );
        })}
        <SuspectList
          suspects={suspects}
          onAccept={(f) => void patch(f.id, { status: 'confirmed', message: `错别字：“${f.quote?.exact ?? ''}”应为“${String(f.detail.word ?? '')}”` })}
          onReject={(f) => void patch(f.id, { status: 'dismissed', dismissReason: '疑似错别字：已否决' })}
        />
        <details>
          <summary class="gsi-group">本站已排除的误报（{dismissals.length}）</summary>
          {dismissals.map((d) => (
            <div key={d.key} class="gsi-card" data-dismissal={d.key}>
              <div>{ruleTitle(d.ruleId)}：“{d.quote}”</div>
              {d.reason && <div class="gsi-note">原因：{d.reason}</div>}
              <button class="gsi-btn gsi-plain" data-action="restore" onClick={async () => { await send({ type: 'dismissal:restore', key: d.key }); void load(); }}>恢复</button>
            </div>
          ))}
        </details>
        <details>
          <summary class="gsi-group">快捷键</summary>
          {KEYS.map(([k, v]) => <div key={k} class="gsi-note"><span class="kbd">{k}</span> {v}</div>)}
        </details>
      </main>
    </div>
  );
}
