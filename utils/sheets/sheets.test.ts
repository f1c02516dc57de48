// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Finding, Round, Site } from '../db/types';
import { parseCsv, toCsv } from './csv';
import {
  buildDetailSheet,
  buildNewMediaSheet,
  buildSheets,
  buildSiteSheet,
  DETAIL_SHEET_HEADER,
  NEWMEDIA_SHEET_HEADER,
  numberedProblems,
  sheetFileName,
  SITE_SHEET_HEADER,
} from './sheets';

const round: Round = { id: '2025Q1', monitoringDate: '2025-03-20', createdAt: 0 };
const col = (name: string) => DETAIL_SHEET_HEADER.indexOf(name);

function site(p: Partial<Site> & Pick<Site, 'id' | 'name'>): Site {
  return {
    kind: 'website',
    hosts: [],
    url: '',
    siteCode: '',
    sponsor: '',
    unit: '',
    platform: '',
    onRoster: true,
    updatedAt: 0,
    ...p,
  };
}

let seq = 0;
function finding(p: Partial<Finding> & Pick<Finding, 'siteId'>): Finding {
  seq += 1;
  return {
    id: `f${seq}`,
    fingerprint: `fp${seq}`,
    roundId: '2025Q1',
    pageUrl: 'http://www.xp.gov.cn/zwgk/index.html',
    pageTitle: '政务公开',
    ruleId: 'column-stale',
    source: 'auto',
    severity: 'deduct',
    status: 'confirmed',
    review: false,
    message: '“通知公告”栏目超过6个月未更新',
    category: '内容更新',
    quote: null,
    detail: {},
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

const xp = site({
  id: 's1',
  name: '兴平市人民政府',
  unit: '兴平市',
  url: 'http://www.xingping.gov.cn',
  hosts: ['www.xingping.gov.cn', 'xingping.gov.cn'],
  siteCode: '6104810043',
  rosterIndex: 1,
});
const lq = site({ id: 's2', name: '礼泉县人民政府', unit: '礼泉县', siteCode: '6104250035', rosterIndex: 0, url: 'http://www.liquan.gov.cn' });
const offRoster = site({ id: 's3', name: '某临时网站', onRoster: false, hosts: ['tmp.gov.cn'] });
const offRosterQuiet = site({ id: 's4', name: '无问题临时网站', onRoster: false });
const nm = site({ id: 'n1', kind: 'newmedia', name: '红色云阳', sponsor: '泾阳县云阳镇人民政府', platform: '微信订阅号', rosterIndex: 2 });

describe('网站检查结果', () => {
  it('has the exact header and lists roster sites in roster order plus off-roster sites with findings', () => {
    const findings = [
      finding({ siteId: 's1', message: '政策解读未与原文关联' }),
      finding({ siteId: 's1', message: '部分页面缺失党政机关标识。' }),
      finding({ siteId: 's1', message: '政策解读未与原文关联' }), // same wording on another page
      finding({ siteId: 's3', severity: 'hint', message: '文号年份括号不规范' }),
      finding({ siteId: 's4', status: 'open', message: '未确认的问题' }),
      finding({ siteId: 's2', status: 'dismissed', message: '误报' }),
      finding({ siteId: 's1', roundId: '2024Q4', message: '上季度的问题' }),
    ];
    const sheet = buildSiteSheet({ round, sites: [offRosterQuiet, offRoster, nm, xp, lq], findings });
    expect(sheet.rows[0]).toEqual(SITE_SHEET_HEADER);
    expect(SITE_SHEET_HEADER).toEqual(['序号', '县(市)、部门', '网站名称', '网址', '网站标识码', '检查结果', '存在问题', '整改情况']);
    expect(sheet.rows.slice(1)).toEqual([
      ['1', '礼泉县', '礼泉县人民政府', 'http://www.liquan.gov.cn', '6104250035', '合格', '', ''],
      [
        '2',
        '兴平市',
        '兴平市人民政府',
        'http://www.xingping.gov.cn',
        '6104810043',
        '合格',
        '1. 政策解读未与原文关联；\n2. 部分页面缺失党政机关标识',
        '', // first-round findings were never sent for 整改
      ],
      ['3', '', '某临时网站', 'http://tmp.gov.cn', '', '合格', '文号年份括号不规范', ''],
    ]);
  });

  it('is 不合格 with a confirmed or fixed 单项否决 finding, 待审核 with an open one', () => {
    const open = buildSiteSheet({ round, sites: [xp], findings: [finding({ siteId: 's1', severity: 'veto', status: 'open' })] });
    expect(open.rows[1]![5]).toBe('待审核');
    // Once ruled on it is decided either way; an open veto no longer on the page or carried over does not hold it up.
    const dismissed = buildSiteSheet({ round, sites: [xp], findings: [finding({ siteId: 's1', severity: 'veto', status: 'dismissed' })] });
    expect(dismissed.rows[1]![5]).toBe('合格');
    const gone = buildSiteSheet({ round, sites: [xp], findings: [finding({ siteId: 's1', severity: 'veto', status: 'open', stillPresent: false })] });
    expect(gone.rows[1]![5]).toBe('合格');
    const openDeduct = buildSiteSheet({ round, sites: [xp], findings: [finding({ siteId: 's1', status: 'open' })] });
    expect(openDeduct.rows[1]![5]).toBe('合格');
    const fixed = buildSiteSheet({
      round,
      sites: [xp],
      findings: [finding({ siteId: 's1', severity: 'veto', status: 'fixed', message: '首页2周内无更新' })],
    });
    expect(fixed.rows[1]!.slice(5)).toEqual(['不合格', '首页2周内无更新', '已整改']);
  });

  it('follows the provided verdict and adds its reasons', () => {
    const sheet = buildSiteSheet({
      round,
      sites: [xp],
      findings: [finding({ siteId: 's1', message: 'A栏目不更新' })],
      verdicts: new Map([['s1', { qualified: false, reasons: ['5个及以上栏目不更新', 'A栏目不更新'] }]]),
    });
    expect(sheet.rows[1]!.slice(5, 7)).toEqual(['不合格', '1. A栏目不更新；\n2. 5个及以上栏目不更新']);
  });

  it('does not repeat the home-page reason when the home-stale finding says it already', () => {
    const sheet = buildSiteSheet({
      round,
      sites: [xp],
      findings: [finding({ siteId: 's1', ruleId: 'home-stale', severity: 'veto', message: '首页超过2周未更新（最新信息日期2025-02-01）' })],
      verdicts: new Map([['s1', { qualified: false, reasons: ['首页在检查时间点前2周内无更新，单项否决', '空白栏目共5个（达到5个），单项否决'] }]]),
    });
    expect(sheet.rows[1]![6]).toBe('1. 首页超过2周未更新（最新信息日期2025-02-01）；\n2. 空白栏目共5个（达到5个），单项否决');
  });

  it('summarises rectification of carried-over findings only', () => {
    const firstRound = buildSiteSheet({ round, sites: [xp], findings: [finding({ siteId: 's1' })] });
    expect(firstRound.rows[1]![7]).toBe('');
    const partly = buildSiteSheet({
      round,
      sites: [xp],
      findings: [
        finding({ siteId: 's1', status: 'fixed', carriedFrom: 'old1' }),
        finding({ siteId: 's1', carriedFrom: 'old2', message: '另一个问题' }),
        finding({ siteId: 's1', message: '本轮新发现' }),
      ],
    });
    expect(partly.rows[1]![7]).toBe('部分整改（已整改1项，未整改1项）');
    const written = buildSiteSheet({
      round,
      sites: [xp],
      findings: [finding({ siteId: 's1', status: 'fixed', rectification: '3月25日已补充发布' })],
    });
    expect(written.rows[1]![7]).toBe('3月25日已补充发布');
  });
});

describe('问题明细', () => {
  const findings = [
    finding({
      siteId: 's1',
      severity: 'veto',
      message: '首页2周内无更新',
      createdAt: Date.UTC(2025, 2, 31, 16, 5), // 2025-04-01 00:05 Beijing
      quote: { exact: '2025-02-01', prefix: '', suffix: '' },
    }),
    finding({ siteId: 's1', status: 'open', review: true, message: '待核实的问题' }),
    finding({ siteId: 's1', status: 'open', message: '待确认的问题' }),
    finding({ siteId: 's1', status: 'dismissed', dismissReason: '该栏目为历史归档', message: '误报' }),
    finding({ siteId: 's2', status: 'fixed', message: '依申请公开受理部门设置不合理' }),
    finding({ siteId: 'gone', pageUrl: 'https://old.example.gov.cn/a.html', message: '站点已删除' }),
  ];

  it('lists confirmed and fixed findings only by default, in roster order, with China time', () => {
    const sheet = buildDetailSheet({ round, sites: [xp, lq], findings });
    expect(sheet.rows[0]).toEqual(DETAIL_SHEET_HEADER);
    expect(sheet.rows.slice(1).map((r) => [r[0], r[1], r[col('存在问题')], r[col('状态')]])).toEqual([
      ['1', '礼泉县人民政府', '依申请公开受理部门设置不合理', '已整改'],
      ['2', '兴平市人民政府', '首页2周内无更新', '已确认'],
      ['3', '', '站点已删除', '已确认'],
    ]);
    const veto = sheet.rows[2]!;
    expect(veto[col('指标性质')]).toBe('单项否决');
    expect(veto[col('原文摘录')]).toBe('2025-02-01');
    expect(veto[col('发现时间')]).toBe('2025-04-01 00:05');
    expect(veto[col('检查时间点')]).toBe('2025-03-20');
    expect(veto[col('检查人')]).toBe('张三');
    expect(sheet.rows[1]![col('整改情况')]).toBe('已整改');
    expect(sheet.rows[3]![2]).toBe('https://old.example.gov.cn');
  });

  it('carries the evidence: 栏目, 证据 in Chinese, screenshot and snapshot file names, a full clickable address', () => {
    const stale = finding({
      siteId: 's1',
      pageUrl: 'www.xingping.gov.cn/zwgk/tzgg/',
      detail: { column: '通知公告', newest: '2024-08-01', ageDays: 231, cls: 'notice', limitDays: 183 },
      screenshotId: 'shot1',
    });
    const hidden = finding({
      siteId: 's1',
      ruleId: 'hidden-links',
      severity: 'veto',
      pageUrl: 'www.xingping.gov.cn/',
      detail: { href: 'http://bet.example.com/', text: '澳门赌场', why: 'div.x 设置 display:none' },
    });
    const footer = finding({ siteId: 's1', ruleId: 'icp-missing', pageUrl: 'www.xingping.gov.cn/a.html', detail: { lookedFor: 'ICP备案', where: '页面底部' } });
    const sheet = buildDetailSheet({
      round,
      sites: [xp],
      findings: [stale, hidden, footer],
      pages: [
        { url: 'www.xingping.gov.cn/zwgk/tzgg/', href: 'https://www.xingping.gov.cn/zwgk/tzgg/index.html', columnName: null },
        { url: 'www.xingping.gov.cn/a.html', columnName: '政务公开' },
      ],
      snapshotPages: new Set(['www.xingping.gov.cn/']),
    });
    const byRule = new Map(sheet.rows.slice(1).map((r) => [r[col('证据')]!.split('：')[0], r]));
    const s = byRule.get('栏目')!;
    expect(s[col('栏目')]).toBe('通知公告');
    expect(s[col('证据')]).toBe('栏目：通知公告；最新日期：2024-08-01；距检查时间点（天）：231；栏目类别：通知公告/政策文件类（6个月）；要求更新周期（天）：183');
    expect(s[col('页面地址')]).toBe('https://www.xingping.gov.cn/zwgk/tzgg/index.html');
    expect(s[col('截图')]).toBe(`截图/${s[0]!.padStart(3, '0')}.jpg`);
    expect(s[col('网页快照')]).toBe('');
    const h = byRule.get('链接地址')!;
    expect(h[col('原文摘录')]).toBe('澳门赌场（http://bet.example.com/）');
    expect(h[col('证据')]).toContain('隐藏方式：div.x 设置 display:none');
    expect(h[col('网页快照')]).toBe(`网页快照/${h[0]!.padStart(3, '0')}.mhtml`);
    // No page record: the site's scheme.
    expect(h[col('页面地址')]).toBe('http://www.xingping.gov.cn/');
    const f = byRule.get('查找内容')!;
    expect(f[col('栏目')]).toBe('政务公开');
    expect(f[col('原文摘录')]).toContain('未找到');
  });

  it('can include open and dismissed findings with Chinese statuses', () => {
    const sheet = buildDetailSheet({ round, sites: [xp, lq], findings }, { includeOpen: true, includeDismissed: true });
    const statuses = sheet.rows.slice(1).map((r) => r[col('状态')]);
    expect(statuses).toContain('待核实');
    expect(statuses).toContain('待确认');
    expect(statuses).toContain('已排除：该栏目为历史归档');
    expect(sheet.rows).toHaveLength(1 + 6);
  });

  it('clips very long quotes', () => {
    const long = '很'.repeat(1000);
    const sheet = buildDetailSheet({ round, sites: [xp], findings: [finding({ siteId: 's1', quote: { exact: long, prefix: '', suffix: '' } })] });
    expect(Array.from(sheet.rows[1]![col('原文摘录')]!).length).toBe(301);
  });
});

describe('政务新媒体检查结果', () => {
  it('lists new-media accounts with the notice columns', () => {
    const sheet = buildNewMediaSheet({
      round,
      sites: [xp, nm],
      findings: [finding({ siteId: 'n1', severity: 'veto', message: '未提供有效互动功能' })],
    });
    expect(sheet.rows).toEqual([
      NEWMEDIA_SHEET_HEADER,
      ['1', '红色云阳', '泾阳县云阳镇人民政府', '微信订阅号', '不合格', '未提供有效互动功能', ''],
    ]);
    expect(NEWMEDIA_SHEET_HEADER).toEqual(['序号', '账号名称', '开设主体', '平台', '检查结果', '存在的问题', '整改情况']);
  });
});

describe('helpers', () => {
  it('numbers several problems and leaves one as is', () => {
    expect(numberedProblems([])).toBe('');
    expect(numberedProblems(['栏目不更新。'])).toBe('栏目不更新');
    expect(numberedProblems(['a', 'b', 'a'])).toBe('1. a；\n2. b');
  });

  it('names files after the round', () => {
    const [s1] = buildSheets({ round, sites: [], findings: [] });
    expect(sheetFileName(round, s1!)).toBe('2025年第一季度-网站检查结果.csv');
  });

  it('survives the CSV writer, including hostile page titles', () => {
    const sheets = buildSheets({
      round,
      sites: [xp],
      findings: [finding({ siteId: 's1', pageTitle: '=HYPERLINK("http://x","点我")', message: '标题被篡改' })],
    });
    const back = parseCsv(toCsv(sheets[1]!.rows));
    expect(back[1]![col('页面标题')]).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(back[1]![col('存在问题')]).toBe('标题被篡改');
  });

  // How fast: npm run bench (export50kS), not a timed unit test.
  it('exports 50,000 findings, one row each', () => {
    const sites = Array.from({ length: 300 }, (_, k) => site({ id: `s${k}`, name: `站点${k}`, rosterIndex: k }));
    const many = Array.from({ length: 50_000 }, (_, k) =>
      finding({ siteId: `s${k % 300}`, message: `问题${k % 37}`, quote: { exact: '原文', prefix: '', suffix: '' } }),
    );
    const csv = buildSheets({ round, sites, findings: many }).map((s) => toCsv(s.rows));
    expect(csv[1]!.split('\r\n').length).toBe(50_000 + 2);
  }, 30_000); // builds 50,000 rows: CPU-bound, seconds on a loaded machine
});

describe('round boundaries in 网站检查结果', () => {
  it('a 单项否决 carried from last round and fixed does not fail this round, but shows as 已整改', () => {
    const s = site({ id: 's1', name: '兴平市人民政府' });
    const carried = finding({ siteId: 's1', severity: 'veto', status: 'fixed', carriedFrom: '2024Q4', message: '首页不更新', rectification: '已整改' });
    const row = buildSiteSheet({ round, sites: [s], findings: [carried], visited: new Set(['s1']) }).rows[1];
    expect(row[5]).toBe('合格');
    expect(row[6]).toBe('');
    expect(row[7]).toBe('已整改');
    // Found and fixed within this round: still 不合格 for the round.
    const fixedNow = finding({ siteId: 's1', severity: 'veto', status: 'fixed', message: '首页不更新' });
    expect(buildSiteSheet({ round, sites: [s], findings: [fixedNow], visited: new Set(['s1']) }).rows[1][5]).toBe('不合格');
  });

  it('a roster site with no page visited this round is 未检查, not 合格', () => {
    const rows = buildSiteSheet({ round, sites: [site({ id: 's1', name: 'A' }), site({ id: 's2', name: 'B' })], findings: [], visited: new Set(['s2']) }).rows;
    expect(rows.map((r) => r[5])).toEqual(['检查结果', '未检查', '合格']);
  });
});
