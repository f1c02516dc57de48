import type { InspectorDB } from './db';
import { currentRound } from './repo';
import { buildSheets, sheetFileName } from '../sheets/sheets';
import { toCsv } from '../sheets/csv';

/** The current round's sheets as CSV files (UTF-8 BOM, CRLF, formula-safe), built from the database. */
export async function exportSheets(db: InspectorDB, opts: { includeOpen: boolean }): Promise<{ name: string; content: string }[]> {
  const round = await currentRound(db);
  const [sites, findings] = await Promise.all([db.sites.toArray(), db.findings.where('roundId').equals(round.id).toArray()]);
  const sheets = buildSheets({ round, sites, findings }, { includeOpen: opts.includeOpen });
  return sheets.map((sheet) => ({ name: sheetFileName(round, sheet), content: toCsv(sheet.rows) }));
}
