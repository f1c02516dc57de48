import type { InspectorDB } from './db';
import { currentRound } from './repo';
import { roundSheets } from './sheets-store';
import { openFindingCount, sheetFileName } from '../sheets/sheets';
import { toCsv } from '../sheets/csv';

/**
 * The current round's sheets as CSV files (UTF-8 BOM, CRLF, formula-safe): the popup's export, same
 * as the dashboard's. `leftOut`: the 待确认 findings 问题明细 does not list, so the popup can say so.
 */
export async function exportSheets(db: InspectorDB, opts: { includeOpen: boolean }): Promise<{ files: { name: string; content: string }[]; leftOut: number }> {
  const round = await currentRound(db);
  const sheets = await roundSheets(db, round.id, { includeOpen: opts.includeOpen });
  const leftOut = opts.includeOpen ? 0 : openFindingCount({ round, findings: await db.findings.where('roundId').equals(round.id).toArray() });
  return { files: sheets.map((sheet) => ({ name: sheetFileName(round, sheet), content: toCsv(sheet.rows) })), leftOut };
}

/** What an export says about the findings it left out, and how to include them. */
export function leftOutNotice(leftOut: number): string {
  return leftOut > 0 ? `问题明细未包含 ${leftOut} 条待确认（含待核实）的问题。` : '';
}
