import type { InspectorDB } from './db';
import { currentRound } from './repo';
import { roundSheets } from './sheets-store';
import { sheetFileName } from '../sheets/sheets';
import { toCsv } from '../sheets/csv';

/** The current round's sheets as CSV files (UTF-8 BOM, CRLF, formula-safe): the popup's export, same as the dashboard's. */
export async function exportSheets(db: InspectorDB, opts: { includeOpen: boolean }): Promise<{ name: string; content: string }[]> {
  const round = await currentRound(db);
  const sheets = await roundSheets(db, round.id, { includeOpen: opts.includeOpen });
  return sheets.map((sheet) => ({ name: sheetFileName(round, sheet), content: toCsv(sheet.rows) }));
}
