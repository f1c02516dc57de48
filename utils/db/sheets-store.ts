/** Sheets: part of the quarter's workspace (see workspace.ts). */
import type { InspectorDB } from './db';
import type { Finding, Round, Site } from './types';
import { type Sheet, type SheetOptions, type SiteVerdict, buildSheets } from '../sheets/sheets';
import { siteVerdict } from './verdicts';

export async function roundSheets(db: InspectorDB, roundId: string, options: SheetOptions = {}): Promise<Sheet[]> {
  const round = await db.rounds.get(roundId);
  if (!round) throw new Error(`找不到检查轮次 ${roundId}`);
  const [sites, findings, pages] = await Promise.all([
    db.sites.toArray(),
    db.findings.where('roundId').equals(roundId).toArray(),
    db.pages.where('roundId').equals(roundId).toArray(),
  ]);
  return sheetsFor(round, sites, findings, options, new Set(pages.map((p) => p.siteId)));
}

export function sheetsFor(round: Round, sites: Site[], findings: Finding[], options: SheetOptions = {}, visited?: Set<string>): Sheet[] {
  const bySite = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.roundId !== round.id) continue;
    let l = bySite.get(f.siteId);
    if (!l) bySite.set(f.siteId, (l = []));
    l.push(f);
  }
  const verdicts = new Map<string, SiteVerdict>();
  for (const s of sites) {
    const v = siteVerdict(bySite.get(s.id) ?? []);
    verdicts.set(s.id, { qualified: v.qualified, reasons: v.reasons });
  }
  return buildSheets({ round, sites, findings, verdicts, visited }, options);
}
