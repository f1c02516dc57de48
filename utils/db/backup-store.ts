/** Backup, restore, merge: part of the quarter's workspace (see workspace.ts). */
import type { InspectorDB } from './db';
import { getSettings } from './repo';
import { type BackupData, BackupError, type MergeConflict, type MergeStats, emptyBackupData, mergeBackups, parseBackup, serializeBackup } from '../backup/backup';

/** Every table a backup holds. */
const ALL_TABLES = (db: InspectorDB) => [db.rounds, db.sites, db.pages, db.findings, db.dismissals, db.settings, db.screenshots, db.columnCorrections];

export async function readAll(db: InspectorDB): Promise<BackupData> {
  return db.transaction('r', ALL_TABLES(db), async () => ({
    rounds: await db.rounds.toArray(),
    sites: await db.sites.toArray(),
    pages: await db.pages.toArray(),
    findings: await db.findings.toArray(),
    dismissals: await db.dismissals.toArray(),
    settings: (await db.settings.get('settings')) ?? null,
    // Evidence travels with its findings: a restored or merged quarter keeps its screenshots.
    screenshots: await db.screenshots.toArray(),
    columnCorrections: await db.columnCorrections.toArray(),
  }));
}

export async function exportBackup(db: InspectorDB, now = Date.now()): Promise<Uint8Array> {
  return serializeBackup(await readAll(db), now);
}

export interface RestoreReport {
  mode: 'merge' | 'replace';
  files: number;
  stats: MergeStats;
  conflicts: MergeConflict[];
  counts: { rounds: number; sites: number; pages: number; findings: number };
}

async function writeAll(db: InspectorDB, data: BackupData, now = Date.now()): Promise<void> {
  await db.transaction('rw', ALL_TABLES(db), async () => {
    await Promise.all([db.rounds.clear(), db.sites.clear(), db.pages.clear(), db.findings.clear(), db.dismissals.clear(), db.settings.clear(), db.screenshots.clear(), db.columnCorrections.clear()]);
    await db.columnCorrections.bulkPut(data.columnCorrections ?? []);
    await db.screenshots.bulkPut(data.screenshots ?? []);
    await db.rounds.bulkPut(data.rounds);
    await db.sites.bulkPut(data.sites);
    await db.pages.bulkPut(data.pages);
    await db.findings.bulkPut(data.findings);
    await db.dismissals.bulkPut(data.dismissals);
    if (data.settings) await db.settings.put(data.settings);
    else await getSettings(db, now);
  });
}

/**
 * Restore or merge one or several backup files. Every file is read and checked before the
 * database is touched, and the result is written in one transaction: a broken or foreign file
 * (BackupError, Chinese message) or a failed write leaves the database exactly as it was.
 * 'merge' folds the files into the current data (later edit wins, conflicts listed);
 * 'replace' makes the database the merge of the files alone.
 */
export async function restoreBackups(
  db: InspectorDB,
  files: { name: string; bytes: Uint8Array }[],
  mode: 'merge' | 'replace',
): Promise<RestoreReport> {
  if (files.length === 0) throw new BackupError('请选择备份文件');
  const parsed = files.map((f) => {
    try {
      return parseBackup(f.bytes);
    } catch (e) {
      if (e instanceof BackupError) throw new BackupError(`${f.name}：${e.message}。未做任何更改。`);
      throw e;
    }
  });
  // Read, merge and write in ONE transaction: a scan or a 确认 arriving meanwhile waits for it
  // and lands on top of the merged data, instead of being read before and cleared after.
  return db.transaction('rw', ALL_TABLES(db), async () => {
    let acc: BackupData = mode === 'merge' ? await readAll(db) : emptyBackupData();
    const stats: MergeStats = { findingsAdded: 0, findingsUpdated: 0, sitesAdded: 0, sitesMerged: 0 };
    const conflicts: MergeConflict[] = [];
    for (const data of parsed) {
      const r = mergeBackups(acc, data);
      acc = r.merged;
      conflicts.push(...r.conflicts);
      stats.findingsAdded += r.stats.findingsAdded;
      stats.findingsUpdated += r.stats.findingsUpdated;
      stats.sitesAdded += r.stats.sitesAdded;
      stats.sitesMerged += r.stats.sitesMerged;
    }
    await writeAll(db, acc);
    return {
      mode,
      files: files.length,
      stats,
      conflicts,
      counts: { rounds: acc.rounds.length, sites: acc.sites.length, pages: acc.pages.length, findings: acc.findings.length },
    };
  });
}

/**
 * Empty every table and start afresh with default settings and the current quarter, in one
 * transaction (the database itself stays, so the background's open connection keeps working).
 */
export async function clearAll(db: InspectorDB, now = Date.now()): Promise<void> {
  await writeAll(db, emptyBackupData(), now);
}
