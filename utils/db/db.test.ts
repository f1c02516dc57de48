// @vitest-environment node
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { InspectorDB, SCHEMA_V1 } from './db';

describe('schema upgrades', () => {
  it('opens a profile written by schema v1 and keeps every record', async () => {
    const name = 'upgrade-v1';
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    await old.open();
    await old.table('findings').bulkPut([
      { id: 'f1', fingerprint: 'a', roundId: '2025Q1', siteId: 's', pageUrl: 'x.gov.cn/', status: 'confirmed', message: '栏目不更新', updatedAt: 1 },
      { id: 'f2', fingerprint: 'b', roundId: '2025Q1', siteId: 's', pageUrl: 'x.gov.cn/', status: 'open', message: '错别字', updatedAt: 2 },
    ]);
    await old.table('settings').put({ id: 'settings', inspector: '张三', currentRoundId: '2025Q1' });
    old.close();

    const db = new InspectorDB(name);
    await db.open();
    expect(db.verno).toBe(5);
    const findings = await db.findings.orderBy('id').toArray();
    expect(findings.map((f) => [f.id, f.status, f.message, f.screenshotId])).toEqual([
      ['f1', 'confirmed', '栏目不更新', null],
      ['f2', 'open', '错别字', null],
    ]);
    expect((await db.settings.get('settings'))?.inspector).toBe('张三');
    await db.screenshots.put({ id: 'p1', findingId: 'f1', dataUrl: 'data:image/jpeg;base64,AA==', bytes: 1, createdAt: 3 });
    expect(await db.screenshots.where('findingId').equals('f1').count()).toBe(1);
    // v4: column corrections; v5: the availability monitor's tables; all exist, empty
    expect(await db.columnCorrections.count()).toBe(0);
    expect(await db.monitorWindows.count()).toBe(0);
    expect(await db.probes.count()).toBe(0);
    await db.delete();
  });
});
