import type { InspectorDB } from './db';
import type { PageSnapshot } from './types';
import { sheetsFor } from './workspace';
import { detailFindings, openFindingCount } from '../sheets/sheets';
import { buildEvidencePack, type PackResult, type PackSnapshot } from '../sheets/pack';

/** The snapshot of one page in one round: one record, replaced by a newer capture. */
export function snapshotId(roundId: string, pageKey: string): string {
  return `${roundId}\u0001${pageKey}`;
}

export async function saveSnapshot(db: InspectorDB, s: Omit<PageSnapshot, 'id' | 'bytes'>): Promise<PageSnapshot> {
  const record: PageSnapshot = { ...s, id: snapshotId(s.roundId, s.pageUrl), bytes: s.mhtml.length };
  await db.snapshots.put(record);
  return record;
}

export async function hasSnapshot(db: InspectorDB, roundId: string, pageKey: string): Promise<boolean> {
  return (await db.snapshots.where('id').equals(snapshotId(roundId, pageKey)).count()) > 0;
}

export interface PackOptions {
  /** One site's pack instead of the whole round's. */
  siteId?: string;
  includeOpen?: boolean;
}

/**
 * The round's evidence pack from the database: the same sheets as the export (same builder),
 * with the screenshots and page snapshots of the rows it lists.
 */
export async function roundEvidencePack(db: InspectorDB, roundId: string, options: PackOptions = {}, now = Date.now()): Promise<PackResult> {
  const round = await db.rounds.get(roundId);
  if (!round) throw new Error(`找不到检查轮次 ${roundId}`);
  const [allSites, allFindings, allPages] = await Promise.all([
    db.sites.toArray(),
    db.findings.where('roundId').equals(roundId).toArray(),
    db.pages.where('roundId').equals(roundId).toArray(),
  ]);
  const site = options.siteId ? allSites.find((s) => s.id === options.siteId) : undefined;
  if (options.siteId && !site) throw new Error('找不到该网站，无法生成证据包');
  const inScope = <T extends { siteId: string }>(list: T[]) => (site ? list.filter((x) => x.siteId === site.id) : list);
  const sites = site ? [site] : allSites;
  const findings = inScope(allFindings);
  const pages = inScope(allPages);
  const pageKeys = new Set(findings.map((f) => f.pageUrl));
  const snapshots = new Map<string, PackSnapshot>();
  await db.snapshots
    .where('roundId')
    .equals(roundId)
    .each((s) => {
      if (pageKeys.has(s.pageUrl)) snapshots.set(s.pageUrl, { url: s.url, title: s.title, mhtml: s.mhtml, capturedAt: s.capturedAt });
    });
  const sheetOptions = { includeOpen: options.includeOpen ?? false };
  const sheets = sheetsFor(round, sites, findings, sheetOptions, new Set(pages.map((p) => p.siteId)), pages, new Set(snapshots.keys()));
  const rows = detailFindings({ round, sites, findings }, sheetOptions);
  const shotIds = rows.map((f) => f.screenshotId).filter((id): id is string => !!id);
  const screenshots = new Map<string, string>();
  for (const s of await db.screenshots.bulkGet(shotIds)) if (s) screenshots.set(s.id, s.dataUrl);
  return buildEvidencePack({
    round,
    sheets,
    rows,
    screenshots,
    snapshots,
    leftOut: options.includeOpen ? 0 : openFindingCount({ round, findings }),
    scope: site ? site.name : '全部网站',
    now,
  });
}
