import { useMemo } from 'preact/hooks';
import { byRosterOrder, type Workspace } from './data';
import { coverageOf, KEY_COLUMNS } from '../../utils/db/workspace';

export function CoverageTab({ ws }: { ws: Workspace }) {
  const coverage = useMemo(() => coverageOf(ws.pages), [ws.pages]);
  const visited = useMemo(() => new Set(ws.pages.map((p) => p.siteId)), [ws.pages]);
  const sites = useMemo(
    () =>
      ws.sites
        .filter((s) => s.kind === 'website' && (s.onRoster || visited.has(s.id)))
        .sort(byRosterOrder),
    [ws.sites, visited],
  );
  return (
    <section class="card">
      <h2>重点栏目覆盖情况（本轮）</h2>
      <p class="muted">按本轮已打开的页面判断：列表页标题、首页“更多”链接或栏目路径对应的栏目记为已打开。首页上看到栏目标题不算打开。</p>
      <table data-testid="coverage-table">
        <thead>
          <tr>
            <th>网站名称</th>
            {KEY_COLUMNS.map((c) => <th key={c}>{c}</th>)}
            <th>已打开</th>
          </tr>
        </thead>
        <tbody>
          {sites.map((s) => {
            const cov = coverage.get(s.id) ?? {};
            const n = KEY_COLUMNS.filter((c) => cov[c]).length;
            return (
              <tr key={s.id} data-site-id={s.id}>
                <td>{s.name}{!s.onRoster && <span class="muted">（名单外）</span>}</td>
                {KEY_COLUMNS.map((c) => {
                  const hit = cov[c];
                  return (
                    <td key={c} data-column={c} data-covered={hit ? 'yes' : 'no'}>
                      {hit ? (
                        <a class="cov-yes" href={`http://${hit.url}`} target="_blank" rel="noreferrer" title={hit.title}>✓ 已打开</a>
                      ) : (
                        <span class="cov-no">未打开</span>
                      )}
                    </td>
                  );
                })}
                <td>{n} / {KEY_COLUMNS.length}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
