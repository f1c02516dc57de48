// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { InspectorDB } from './db';
import * as repo from './repo';
import { roundEvidencePack, saveSnapshot } from './pack';
import { parseCsv } from '../sheets/csv';
import type { ScanFinding, ScanResult } from '../scan/types';

const NOW = Date.UTC(2025, 2, 20, 2, 0);
const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==';

function sf(ruleId: string, exact: string | null, severity: ScanFinding['severity'] = 'deduct'): ScanFinding {
  return {
    ruleId,
    severity,
    title: ruleId,
    category: '错别字',
    message: `问题 ${exact ?? ruleId}`,
    quote: exact ? { exact, prefix: '', suffix: '' } : null,
    detail: ruleId === 'typo' ? { wrong: exact, right: '安装' } : {},
    review: false,
  };
}

function result(url: string, findings: ScanFinding[]): ScanResult {
  return { url, title: '示范县人民政府', pageType: 'article', findings, columns: [], latestDate: null, errors: [], ms: 1 };
}

let db: InspectorDB;
let n = 0;
beforeEach(() => {
  db = new InspectorDB(`pack-${n++}`);
});
afterEach(async () => {
  await db.delete();
});

describe('evidence pack', () => {
  it('holds the sheets, the workbook, screenshots and snapshots named by row, and says what it left out', async () => {
    const a = await repo.saveScan(db, result('https://www.sfx.gov.cn/art/a.html', [sf('typo', '按装'), sf('typo', '布署')]), NOW);
    const b = await repo.saveScan(db, result('http://www.sfx.gov.cn/art/b.html', [sf('typo', '帐号'), sf('home-stale', null, 'veto')]), NOW);
    for (const f of [...a, b[0]!]) await repo.updateFinding(db, f.id, { status: 'confirmed' }, NOW);
    await repo.saveScreenshot(db, a[1]!.id, JPEG, NOW);
    await saveSnapshot(db, { roundId: a[0]!.roundId, pageUrl: a[0]!.pageUrl, url: 'https://www.sfx.gov.cn/art/a.html', title: 'A', mhtml: 'From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.sfx.gov.cn/art/a.html\r\n', capturedAt: NOW });

    const pack = await roundEvidencePack(db, a[0]!.roundId, {}, NOW);
    const files = unzipSync(pack.zip);
    const names = Object.keys(files).sort();
    expect(names).toEqual(
      [
        '2025年第一季度-网站检查结果.csv',
        '2025年第一季度-问题明细.csv',
        '2025年第一季度-政务新媒体检查结果.csv',
        '2025年第一季度-检查结果.xlsx',
        '说明.txt',
        expect.stringMatching(/^截图\/00\d\.jpg$/),
        expect.stringMatching(/^网页快照\/00\d\.mhtml$/),
      ].sort() as string[],
    );
    const detail = parseCsv(strFromU8(files['2025年第一季度-问题明细.csv']!));
    const h = detail[0]!;
    const rowOf = (quote: string) => detail.find((r) => r[h.indexOf('原文摘录')] === quote)!;
    // The screenshot file is named by the row of the finding it belongs to, and holds its bytes.
    const shotRow = rowOf('布署');
    expect(shotRow[h.indexOf('截图')]).toBe(`截图/00${shotRow[0]}.jpg`);
    expect(files[shotRow[h.indexOf('截图')]!]!.slice(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
    // Both findings of page A point to one snapshot file; page B has none.
    const snap = rowOf('按装')[h.indexOf('网页快照')]!;
    expect(rowOf('布署')[h.indexOf('网页快照')]).toBe(snap);
    expect(strFromU8(files[snap]!)).toContain('Snapshot-Content-Location: https://www.sfx.gov.cn/art/a.html');
    expect(rowOf('帐号')[h.indexOf('网页快照')]).toBe('');
    expect(rowOf('帐号')[h.indexOf('页面地址')]).toBe('http://www.sfx.gov.cn/art/b.html');

    const readme = strFromU8(files['说明.txt']!);
    expect(readme).toContain('未包含 1 条待确认');
    expect(readme).toContain(`无网页快照的已确认问题：序号 ${rowOf('帐号')[0]}`);
    expect(readme).toContain('https://www.sfx.gov.cn/art/a.html　保存于 2025-03-20 10:00');
    expect(pack).toMatchObject({ screenshots: 1, snapshots: 1, name: '2025年第一季度-全部网站-证据包.zip' });

    // Asked to include them, the pack lists the open finding and says nothing is left out.
    const all = await roundEvidencePack(db, a[0]!.roundId, { includeOpen: true }, NOW);
    const readmeAll = strFromU8(unzipSync(all.zip)['说明.txt']!);
    expect(readmeAll).not.toContain('未包含');
    expect(readmeAll).toContain('问题明细：4 条');
  });

  it('can be built for one site only', async () => {
    const a = await repo.saveScan(db, result('http://www.sfx.gov.cn/a.html', [sf('typo', '按装')]), NOW);
    const b = await repo.saveScan(db, result('http://www.other.gov.cn/b.html', [sf('typo', '布署')]), NOW);
    for (const f of [...a, ...b]) await repo.updateFinding(db, f.id, { status: 'confirmed' }, NOW);
    const pack = await roundEvidencePack(db, a[0]!.roundId, { siteId: a[0]!.siteId }, NOW);
    const detail = parseCsv(strFromU8(unzipSync(pack.zip)['2025年第一季度-问题明细.csv']!));
    expect(detail).toHaveLength(2);
    expect(pack.name).toBe('2025年第一季度-示范县人民政府-证据包.zip');
    await expect(roundEvidencePack(db, a[0]!.roundId, { siteId: 'nope' }, NOW)).rejects.toThrow('找不到该网站');
  });
});
