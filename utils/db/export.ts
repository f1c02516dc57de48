import type { InspectorDB } from './db';
import type { Finding } from './types';
import { currentRound } from './repo';
import { buildSheets, sheetFileName, type SiteVerdict } from '../sheets/sheets';
import { toCsv } from '../sheets/csv';
import { siteFreshnessVerdict } from '../scan/verdict';

/** 不合格 by count (V3/V4) as well as by a single confirmed veto: one verdict per site for the sheets. */
export function freshnessVerdicts(findings: Finding[]): Map<string, SiteVerdict> {
  const bySite = new Map<string, Finding[]>();
  for (const f of findings) bySite.set(f.siteId, [...(bySite.get(f.siteId) ?? []), f]);
  const out = new Map<string, SiteVerdict>();
  for (const [siteId, list] of bySite) {
    const v = siteFreshnessVerdict(list.filter((f) => f.status === 'confirmed' || f.status === 'fixed'));
    if (v.veto) out.set(siteId, { qualified: false, reasons: v.reasons });
  }
  return out;
}

/** The current round's sheets as CSV files (UTF-8 BOM, CRLF, formula-safe), built from the database. */
export async function exportSheets(db: InspectorDB, opts: { includeOpen: boolean }): Promise<{ name: string; content: string }[]> {
  const round = await currentRound(db);
  const [sites, findings] = await Promise.all([db.sites.toArray(), db.findings.where('roundId').equals(round.id).toArray()]);
  const sheets = buildSheets({ round, sites, findings, verdicts: freshnessVerdicts(findings) }, { includeOpen: opts.includeOpen });
  return sheets.map((sheet) => ({ name: sheetFileName(round, sheet), content: toCsv(sheet.rows) }));
}
