/**
 * The exported sheets as the recipient sees them: opened in LibreOffice (Excel's stand-in here)
 * with default settings, read back cell by cell.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, Round, Site } from '../../utils/db/types';
import { buildSheets, DETAIL_SHEET_HEADER, SITE_SHEET_HEADER } from '../../utils/sheets/sheets';
import { toCsv } from '../../utils/sheets/csv';
import { toXlsx } from '../../utils/sheets/xlsx';
import { openWithOffice, SOFFICE_FIX, sofficePath } from './office';

const round: Round = { id: '2025Q1', monitoringDate: '2025-03-31', createdAt: 0 };
const site: Site = {
  id: 'xp',
  kind: 'website',
  name: '兴平市人民政府',
  hosts: ['www.xingping.gov.cn'],
  url: 'https://www.xingping.gov.cn',
  siteCode: '0104810043',
  sponsor: '',
  unit: '兴平市',
  platform: '',
  onRoster: true,
  rosterIndex: 0,
  updatedAt: 0,
};

let seq = 0;
function finding(p: Partial<Finding>): Finding {
  seq += 1;
  return {
    id: `f${seq}`,
    fingerprint: `fp${seq}`,
    roundId: round.id,
    siteId: 'xp',
    pageUrl: 'www.xingping.gov.cn/zwgk/tzgg/',
    pageTitle: '通知公告',
    ruleId: 'column-stale',
    source: 'auto',
    severity: 'deduct',
    status: 'confirmed',
    review: false,
    message: '“通知公告”栏目超过6个月未更新',
    category: '内容更新',
    quote: null,
    detail: { column: '通知公告', newest: '2024-08-01', ageDays: 242, cls: 'notice', limitDays: 183 },
    note: '',
    dismissReason: '',
    rectification: '',
    inspector: '张三',
    createdAt: Date.UTC(2025, 2, 18, 1, 30),
    updatedAt: Date.UTC(2025, 2, 18, 1, 30),
    stillPresent: true,
    ...p,
  };
}

const findings = [
  finding({}),
  finding({ ruleId: 'typo', message: '错别字“按装”应为“安装”', category: '错别字', detail: { wrong: '按装', right: '安装' } }),
  finding({ ruleId: 'manual', pageTitle: '=HYPERLINK("http://evil.example","点我")', message: '页面标题异常' }),
];
const sheets = buildSheets({ round, sites: [site], findings, pages: [{ url: 'www.xingping.gov.cn/zwgk/tzgg/', href: 'https://www.xingping.gov.cn/zwgk/tzgg/index.html' }] });

describe('sheets in a spreadsheet program', () => {
  it('LibreOffice is installed (the check that a CSV keeps its codes needs it)', () => {
    expect(sofficePath(), `找不到 LibreOffice（soffice）。安装：${SOFFICE_FIX}`).not.toBeNull();
  });

  it('CSV: 网站标识码 with a leading zero and every date stay text; 序号 stays a number; Chinese intact', () => {
    const [siteSheet] = openWithOffice('site.csv', toCsv(sheets[0]!.rows));
    const header = siteSheet!.rows[0]!.map((c) => c.text);
    expect(header).toEqual(SITE_SHEET_HEADER);
    const row = siteSheet!.rows[1]!;
    expect(row[header.indexOf('网站标识码')]).toEqual({ type: 'string', text: '0104810043' });
    expect(row[header.indexOf('序号')]).toEqual({ type: 'float', text: '1' });
    expect(row[header.indexOf('网站名称')]!.text).toBe('兴平市人民政府');

    const [detail] = openWithOffice('detail.csv', toCsv(sheets[1]!.rows));
    const dh = detail!.rows[0]!.map((c) => c.text);
    expect(dh).toEqual(DETAIL_SHEET_HEADER);
    const first = detail!.rows[1]!;
    expect(first[dh.indexOf('检查时间点')]).toEqual({ type: 'string', text: '2025-03-31' });
    expect(first[dh.indexOf('发现时间')]).toEqual({ type: 'string', text: '2025-03-18 09:30' });
    expect(first[dh.indexOf('页面地址')]!.text).toBe('https://www.xingping.gov.cn/zwgk/tzgg/index.html');
    expect(first[dh.indexOf('证据')]!.text).toBe('栏目：通知公告；最新日期：2024-08-01；距检查时间点（天）：242；栏目类别：通知公告/政策文件类（6个月）；要求更新周期（天）：183');
    // A hostile page title is text, not a live formula.
    const hostile = detail!.rows.find((r) => r[dh.indexOf('存在问题')]!.text === '页面标题异常')!;
    expect(hostile[dh.indexOf('页面标题')]!.type).toBe('string');
    expect(hostile[dh.indexOf('页面标题')]!.text).toContain('HYPERLINK');
  });

  it('XLSX: a multi-line 存在问题 row is tall enough to show every line', () => {
    const book = openWithOffice('book.xlsx', toXlsx(sheets));
    const siteSheet = book.find((s) => s.name === '网站检查结果')!;
    const header = siteSheet.rows[0]!.map((c) => c.text);
    const problems = siteSheet.rows[1]![header.indexOf('存在问题')]!.text;
    expect(problems.split('\n')).toHaveLength(3);
    expect(siteSheet.rows[1]![header.indexOf('网站标识码')]).toEqual({ type: 'string', text: '0104810043' });
    // About 0.45 cm a line at 11 pt: three lines need more than 1.2 cm, a plain row has about 0.45.
    expect(siteSheet.heights[1]).toBeGreaterThan(1.2);
    expect(siteSheet.heights[1]).toBeGreaterThan(2 * siteSheet.heights[0]!);
  });
});
