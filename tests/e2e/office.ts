/**
 * LibreOffice as Excel's stand-in: open an exported file with default settings, the way an
 * inspector double-clicks it, and read the cells back (value type and shown text), so tests
 * can see what the recipient of a sheet sees.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, parse } from 'node:path';

export const SOFFICE_FIX = 'sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui（或运行 bash .ci/run）';

export function sofficePath(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) if (existsSync(p)) return p;
  return null;
}

export interface OfficeCell {
  /** office:value-type: 'string', 'float', 'date', 'percentage'… */
  type: string;
  text: string;
}

export interface OfficeSheet {
  name: string;
  rows: OfficeCell[][];
  /** Row heights in cm, by row index (from the row styles). */
  heights: number[];
}

/**
 * Convert with `soffice --headless` in a private profile (other users of the machine may run
 * LibreOffice at the same time). CSV opens as UTF-8 (what the BOM says; the GUI detects it), the
 * other import options left at their defaults.
 */
export function openWithOffice(name: string, bytes: Uint8Array | string): OfficeSheet[] {
  const soffice = sofficePath();
  if (!soffice) throw new Error(`找不到 LibreOffice（soffice），无法检查导出文件在电子表格软件中的样子。安装：${SOFFICE_FIX}`);
  const dir = mkdtempSync(join(tmpdir(), 'gsi-office-'));
  const src = join(dir, name);
  writeFileSync(src, bytes);
  const args = [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless'];
  if (name.endsWith('.csv')) args.push('--infilter=CSV:44,34,76,1');
  args.push('--convert-to', 'fods', '--outdir', dir, src);
  execFileSync(soffice, args, { stdio: 'pipe', timeout: 90_000 });
  return readFods(readFileSync(join(dir, `${parse(name).name}.fods`), 'utf8'));
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function cellText(inner: string): string {
  const paras = Array.from(inner.matchAll(/<text:p(?:\s[^>]*)?>([\s\S]*?)<\/text:p>|<text:p[^>]*\/>/g), (m) => m[1] ?? '');
  return paras
    .map((p) =>
      unescapeXml(
        p
          .replace(/<text:s(?:\s+text:c="(\d+)")?\s*\/>/g, (_, n: string | undefined) => ' '.repeat(Number(n ?? 1)))
          .replace(/<text:tab\/>/g, '\t')
          .replace(/<text:line-break\/>/g, '\n')
          .replace(/<[^>]+>/g, ''),
      ),
    )
    .join('\n');
}

/** A flat ODS reader for what these tests need: cell types and text, row heights. */
export function readFods(xml: string): OfficeSheet[] {
  const rowHeight = new Map<string, number>();
  for (const m of xml.matchAll(/<style:style style:name="([^"]+)" style:family="table-row">\s*<style:table-row-properties[^>]*style:row-height="([\d.]+)(cm|in|mm|pt)"/g)) {
    const n = Number(m[2]);
    rowHeight.set(m[1]!, m[3] === 'in' ? n * 2.54 : m[3] === 'mm' ? n / 10 : m[3] === 'pt' ? n * 0.03528 : n);
  }
  const sheets: OfficeSheet[] = [];
  for (const t of xml.matchAll(/<table:table table:name="([^"]*)"[^>]*>([\s\S]*?)<\/table:table>/g)) {
    const rows: OfficeCell[][] = [];
    const heights: number[] = [];
    for (const r of t[2]!.matchAll(/<table:table-row([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-row>)/g)) {
      const style = /table:style-name="([^"]+)"/.exec(r[1]!)?.[1];
      const repeat = Number(/table:number-rows-repeated="(\d+)"/.exec(r[1]!)?.[1] ?? 1);
      const cells: OfficeCell[] = [];
      for (const c of (r[2] ?? '').matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
        const n = Number(/table:number-columns-repeated="(\d+)"/.exec(c[1]!)?.[1] ?? 1);
        const type = /office:value-type="([^"]+)"/.exec(c[1]!)?.[1] ?? '';
        const text = cellText(c[2] ?? '');
        for (let k = 0; k < Math.min(n, 64); k++) cells.push({ type, text });
      }
      while (cells.length && cells[cells.length - 1]!.type === '' && !cells[cells.length - 1]!.text) cells.pop();
      if (!cells.length && repeat > 1) continue; // the sheet's empty tail
      rows.push(cells);
      heights.push(style ? rowHeight.get(style) ?? 0 : 0);
    }
    while (rows.length && rows[rows.length - 1]!.length === 0) {
      rows.pop();
      heights.pop();
    }
    sheets.push({ name: unescapeXml(t[1]!), rows, heights });
  }
  return sheets;
}
