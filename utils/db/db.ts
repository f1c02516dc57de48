import Dexie, { type EntityTable } from 'dexie';
import type { Dismissal, Finding, PageRecord, Round, Screenshot, Settings, Site } from './types';
import type { ColumnCorrection } from '../scan/corrections';
import type { MonitorWindow, ProbeRecord } from '../availability/plan';

/**
 * The inspector's whole quarter lives here, in the extension origin's IndexedDB.
 * Every schema change is a new version() with an upgrade function and a test that
 * opens the previous version's data (db.test.ts).
 */
/** The schema versions, oldest first; tests open data written by each earlier one. */
export const SCHEMA_V1 = {
  rounds: 'id',
  sites: 'id, *hosts, kind',
  pages: '[roundId+url], roundId, siteId, url',
  findings: 'id, &fingerprint, roundId, siteId, pageUrl, [roundId+siteId], status, updatedAt',
  dismissals: 'key, siteId',
  settings: 'id',
};

export class InspectorDB extends Dexie {
  rounds!: EntityTable<Round, 'id'>;
  sites!: EntityTable<Site, 'id'>;
  pages!: EntityTable<PageRecord, 'url'>;
  findings!: EntityTable<Finding, 'id'>;
  dismissals!: EntityTable<Dismissal, 'key'>;
  settings!: EntityTable<Settings, 'id'>;
  screenshots!: EntityTable<Screenshot, 'id'>;
  columnCorrections!: EntityTable<ColumnCorrection, 'id'>;
  monitorWindows!: EntityTable<MonitorWindow, 'id'>;
  probes!: Dexie.Table<ProbeRecord, [string, string, number]>;

  constructor(name = 'gov-site-inspector') {
    // 'relaxed': a write is acknowledged once the browser has it, without waiting for the disk to
    // flush. A tab or worker crash still keeps it; only an OS crash in that instant could lose the
    // very last write, and quarter-end imports become several times faster.
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores(SCHEMA_V1);
    // v2: evidence screenshots, kept apart from findings so lists stay light.
    this.version(2)
      .stores({ screenshots: 'id, findingId' })
      .upgrade((tx) =>
        tx
          .table('findings')
          .toCollection()
          .modify((f: Partial<Finding>) => {
            if (f.screenshotId === undefined) f.screenshotId = null;
          }),
      );
    // v3: only the indexes queries use. Each index costs a write per finding; at quarter end
    // (50,000 findings) status/updatedAt/fingerprint indexes tripled insert time. Fingerprint
    // uniqueness is kept by the id, which is derived from the fingerprint.
    this.version(3).stores({ findings: 'id, roundId, siteId, pageUrl, [roundId+siteId]' });
    // v4: column-map corrections, per site (host without www.), kept across rounds. New table only.
    this.version(4).stores({ columnCorrections: 'id, site' });
    // v5: the availability monitor's windows and their probe log.
    // One probe per window + host + slot (the key makes a slot impossible to record twice, even
    // when a worker restarted mid-probe); read back by window. New tables only: no upgrade.
    this.version(5).stores({ monitorWindows: 'id, state', probes: '[windowId+host+slot], windowId' });
  }
}
