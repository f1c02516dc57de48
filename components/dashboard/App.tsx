import { useState } from 'preact/hooks';
import { useWorkspace } from './data';
import { RoundTab } from './RoundTab';
import { RosterTab } from './RosterTab';
import { FindingsTab } from './FindingsTab';
import { CoverageTab } from './CoverageTab';
import { ColumnsTab } from './ColumnsTab';
import { NewMediaTab } from './NewMediaTab';
import { ExportTab } from './ExportTab';
import { BackupTab } from './BackupTab';
import { SettingsTab } from './SettingsTab';
import { AvailabilityTab } from './AvailabilityTab';
import { roundLabel } from '../../utils/rounds';

const TABS = [
  ['round', '检查轮次'],
  ['roster', '网站名单'],
  ['findings', '问题列表'],
  ['coverage', '覆盖情况'],
  ['columns', '栏目修正'],
  ['availability', '可用性监测'],
  ['newmedia', '政务新媒体'],
  ['export', '导出'],
  ['backup', '备份与合并'],
  ['settings', '设置'],
] as const;
type TabId = (typeof TABS)[number][0];

function initialTab(): TabId {
  const h = location.hash.replace('#', '');
  return (TABS.find(([id]) => id === h)?.[0] ?? 'round') as TabId;
}

export function App() {
  const ws = useWorkspace();
  const [tab, setTab] = useState<TabId>(initialTab);
  const go = (t: TabId) => {
    setTab(t);
    history.replaceState(null, '', `#${t}`);
  };
  return (
    <div>
      <header class="top">
        <h1>巡检工作台</h1>
        {ws && (
          <span data-testid="current-round">
            {roundLabel(ws.round.id)}（{ws.round.id}）　检查时间点 {ws.round.monitoringDate}
            {ws.settings.inspector ? `　检查人 ${ws.settings.inspector}` : ''}
          </span>
        )}
      </header>
      <nav class="tabs">
        {TABS.map(([id, label]) => (
          <button key={id} data-tab={id} class={tab === id ? 'active' : ''} onClick={() => go(id)}>
            {label}
          </button>
        ))}
      </nav>
      <main>
        {ws && !ws.complete && tab !== 'findings' && (
          <p class="muted" data-testid="loading-round">正在载入本轮全部问题（{ws.total || '…'} 条），统计数字稍后更新…</p>
        )}
        {!ws ? (
          <p class="muted">读取中…</p>
        ) : tab === 'round' ? (
          <RoundTab ws={ws} />
        ) : tab === 'roster' ? (
          <RosterTab ws={ws} />
        ) : tab === 'findings' ? (
          <FindingsTab ws={ws} />
        ) : tab === 'coverage' ? (
          <CoverageTab ws={ws} />
        ) : tab === 'columns' ? (
          <ColumnsTab />
        ) : tab === 'availability' ? (
          <AvailabilityTab rosterCount={ws.sites.filter((s) => s.kind === 'website' && s.onRoster).length} />
        ) : tab === 'newmedia' ? (
          <NewMediaTab ws={ws} />
        ) : tab === 'export' ? (
          <ExportTab ws={ws} />
        ) : tab === 'backup' ? (
          <BackupTab ws={ws} />
        ) : (
          <SettingsTab ws={ws} />
        )}
      </main>
    </div>
  );
}
