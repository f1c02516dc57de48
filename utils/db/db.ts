import Dexie, { type EntityTable } from 'dexie';
import type { Dismissal, Finding, PageRecord, PageSnapshot, Round, Screenshot, Settings, Site } from './types';

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
  snapshots!: EntityTable<PageSnapshot, 'id'>;

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
    // ---- issue-16: renumber at merge if another branch took version 4.
    // snapshots: MHTML page snapshots taken when a finding is confirmed, one per page and round,
    // kept apart from findings so lists stay light. findings *seenOn: the pages where a site-level
    // finding (footer identity, 找错) was seen; only those findings carry it, so other writes pay nothing.
    this.version(4).stores({ snapshots: 'id, roundId', findings: 'id, roundId, siteId, pageUrl, [roundId+siteId], *seenOn' });
  }
}
