/**
 * The evidence pack: one zip per round (or per site) that settles a dispute offline. It holds the
 * three sheets as CSV, the .xlsx workbook, every screenshot and every page snapshot, each named by
 * its row (序号) in 问题明细, and a 说明.txt that says what is in it and what is not.
 * Pure: the caller reads the database and hands everything in.
 */
import { strToU8, zipSync } from 'fflate';
import type { Finding, Round } from '../db/types';
import { chinaDateTime, roundLabel } from '../rounds';
import { toCsv } from './csv';
import { DETAIL_SHEET_NAME, sheetFileName, type Sheet } from './sheets';
import { toXlsx } from './xlsx';

export interface PackSnapshot {
  url: string;
  title: string;
  mhtml: string;
  capturedAt: number;
}

export interface PackInput {
  round: Round;
  /** The three sheets, built with the snapshots' pages so 网页快照 names the files below. */
  sheets: Sheet[];
  /** 问题明细's findings in row order (detailFindings of the same input). */
  rows: Finding[];
  /** Screenshot data URLs by screenshot id. */
  screenshots: Map<string, string>;
  /** Page snapshots by page key (Finding.pageUrl). */
  snapshots: Map<string, PackSnapshot>;
  /** 待确认 findings 问题明细 leaves out. */
  leftOut: number;
  /** '全部网站' or the site's name. */
  scope: string;
  now: number;
}

export interface PackResult {
  name: string;
  zip: Uint8Array;
  screenshots: number;
  snapshots: number;
  /** Confirmed rows whose page was never captured (confirmed with the page closed). */
  withoutSnapshot: number[];
}

function dataUrlBytes(dataUrl: string): Uint8Array | null {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0 || !dataUrl.slice(0, comma).endsWith(';base64')) return null;
  try {
    const bin = atob(dataUrl.slice(comma + 1));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function packFileName(round: Round, scope: string): string {
  return `${roundLabel(round.id)}-${scope}-证据包.zip`.replace(/[\\/:*?"<>|]/g, '_');
}

export function buildEvidencePack(input: PackInput): PackResult {
  const files: Record<string, Uint8Array> = {};
  for (const sheet of input.sheets) files[sheetFileName(input.round, sheet)] = strToU8(toCsv(sheet.rows));
  files[`${roundLabel(input.round.id)}-检查结果.xlsx`] = toXlsx(input.sheets, input.now);

  const detail = input.sheets.find((s) => s.name === DETAIL_SHEET_NAME);
  const header = detail?.rows[0] ?? [];
  const shotCol = header.indexOf('截图');
  const snapCol = header.indexOf('网页快照');
  let screenshots = 0;
  const snapshotLines: string[] = [];
  const rowsOfSnapshot = new Map<string, number[]>();
  const withoutSnapshot: number[] = [];
  input.rows.forEach((f, k) => {
    const row = detail?.rows[k + 1];
    if (!row) return;
    const shotName = row[shotCol] ?? '';
    const shot = f.screenshotId ? input.screenshots.get(f.screenshotId) : undefined;
    const bytes = shotName && shot ? dataUrlBytes(shot) : null;
    if (bytes) {
      files[shotName] = bytes;
      screenshots++;
    }
    const snapName = row[snapCol] ?? '';
    const snap = input.snapshots.get(f.pageUrl);
    if (snapName && snap) {
      if (!files[snapName]) files[snapName] = strToU8(snap.mhtml);
      rowsOfSnapshot.set(snapName, [...(rowsOfSnapshot.get(snapName) ?? []), k + 1]);
    } else if (f.status === 'confirmed' || f.status === 'fixed') {
      withoutSnapshot.push(k + 1);
    }
  });
  for (const [name, rows] of rowsOfSnapshot) {
    const f = input.rows[rows[0]! - 1]!;
    const snap = input.snapshots.get(f.pageUrl)!;
    snapshotLines.push(`  ${name}　序号 ${rows.join('、')}　${snap.url}　保存于 ${chinaDateTime(snap.capturedAt)}`);
  }

  const lines = [
    '政府网站巡检助手 证据包',
    `检查轮次：${roundLabel(input.round.id)}（检查时间点 ${input.round.monitoringDate}）`,
    `范围：${input.scope}`,
    `生成时间：${chinaDateTime(input.now)}`,
    '',
    `问题明细：${input.rows.length} 条。${input.leftOut > 0 ? `未包含 ${input.leftOut} 条待确认（含待核实）的问题；如需列入，请在导出时勾选“包含待确认的问题”。` : ''}`,
    `截图：${screenshots} 张，文件名为问题明细的序号（截图/序号.jpg）。`,
    `网页快照：${rowsOfSnapshot.size} 个，为确认问题时 Chrome 保存的整页 MHTML，可用 Chrome 或 Edge 直接打开；文件内记有页面地址和保存时间。`,
    ...snapshotLines,
  ];
  if (withoutSnapshot.length) {
    lines.push(`无网页快照的已确认问题：序号 ${withoutSnapshot.join('、')}（确认时该页面未在浏览器中打开，如需快照请打开页面后重新确认）。`);
  }
  // BOM and CRLF: Windows Notepad opens it as UTF-8 with line breaks.
  files['说明.txt'] = strToU8('\uFEFF' + lines.join('\r\n') + '\r\n');

  let stamp = new Date(input.now);
  if (Number.isNaN(stamp.getTime()) || stamp.getFullYear() < 1980) stamp = new Date(1980, 0, 1);
  return {
    name: packFileName(input.round, input.scope),
    zip: zipSync(files, { level: 6, mtime: stamp }),
    screenshots,
    snapshots: rowsOfSnapshot.size,
    withoutSnapshot,
  };
}
