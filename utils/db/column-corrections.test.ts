// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InspectorDB } from './db';
import { deleteCorrection, listCorrections, saveCorrection, updateCorrection } from './column-corrections';
import * as repo from './repo';
import { readAll } from './workspace';
import { emptyBackupData, mergeBackups, parseBackup, serializeBackup } from '../backup/backup';

let db: InspectorDB;
let n = 0;
beforeEach(async () => {
  db = new InspectorDB(`corrections-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const input = { pageUrl: 'http://www.sfx.gov.cn/', selector: 'body > div:nth-of-type(2)', anchor: '公示公告更多', originalName: '公示公告' };

describe('column corrections store', () => {
  it('keeps one record per site and block, lists it per site, and reaches the scan context of any page of the site', async () => {
    await saveCorrection(db, { ...input, name: '公告公示' });
    const second = await saveCorrection(db, { ...input, cls: 'notice' });
    expect(second).toMatchObject({ site: 'sfx.gov.cn', name: '公告公示', cls: 'notice', originalName: '公示公告' });
    await saveCorrection(db, { ...input, pageUrl: 'http://www.other.gov.cn/', notColumn: true });
    expect(await listCorrections(db, 'https://sfx.gov.cn/zwgk/index.html')).toHaveLength(1);
    expect(await listCorrections(db)).toHaveLength(2);
    const ctx = await repo.scanContextFor(db, 'http://www.sfx.gov.cn/tzgg/');
    expect(ctx.columnCorrections?.map((c) => c.name)).toEqual(['公告公示']);
  });

  it('edits and deletes from the dashboard; refuses what is not valid', async () => {
    const c = await saveCorrection(db, input);
    expect((await updateCorrection(db, c.id, { blank: true })).blank).toBe(true);
    await expect(updateCorrection(db, c.id, { cls: 'weekly' as never })).rejects.toThrow('未保存');
    await deleteCorrection(db, c.id);
    expect(await listCorrections(db)).toEqual([]);
    await expect(saveCorrection(db, { ...input, pageUrl: 'not a url' })).rejects.toThrow('无法识别');
  });

  it('travels in backups and merges by the later edit', async () => {
    const c = await saveCorrection(db, { ...input, name: '甲' });
    const data = parseBackup(serializeBackup(await readAll(db)));
    expect(data.columnCorrections).toEqual([c]);
    const later = { ...c, name: '乙', updatedAt: c.updatedAt + 1 };
    const merged = mergeBackups(data, { ...emptyBackupData(), columnCorrections: [later] }).merged;
    expect(merged.columnCorrections).toEqual([later]);
    const broken = new TextEncoder().encode(JSON.stringify({ format: 'x' }));
    expect(() => parseBackup(broken)).toThrow();
  });
});
