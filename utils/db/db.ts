import Dexie, { type EntityTable } from 'dexie';
import type { Dismissal, Finding, PageRecord, Round, Settings, Site } from './types';

/**
 * The inspector's whole quarter lives here, in the extension origin's IndexedDB.
 * Every schema change is a new version() with an upgrade function and a test that
 * opens the previous version's data (db.test.ts).
 */
export class InspectorDB extends Dexie {
  rounds!: EntityTable<Round, 'id'>;
  sites!: EntityTable<Site, 'id'>;
  pages!: EntityTable<PageRecord, 'url'>;
  findings!: EntityTable<Finding, 'id'>;
  dismissals!: EntityTable<Dismissal, 'key'>;
  settings!: EntityTable<Settings, 'id'>;

  constructor(name = 'gov-site-inspector') {
    super(name);
    this.version(1).stores({
      rounds: 'id',
      sites: 'id, *hosts, kind',
      pages: '[roundId+url], roundId, siteId, url',
      findings: 'id, &fingerprint, roundId, siteId, pageUrl, [roundId+siteId], status, updatedAt',
      dismissals: 'key, siteId',
      settings: 'id',
    });
  }
}
