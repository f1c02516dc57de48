// @vitest-environment node
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSiteCode, cleanName, hostVariants, importRoster, importRosterText, parseRosterUrl } from './import';
import { toCsv } from '../sheets/csv';

const NOW = Date.UTC(2025, 0, 5);
const here = dirname(fileURLToPath(import.meta.url));
const gbkBytes = new Uint8Array(readFileSync(join(here, 'fixtures', 'roster-gbk.csv')));

describe('importRoster with a GBK file saved by Excel', () => {
  const result = importRoster(gbkBytes, { now: NOW });

  it('detects GBK and finds the header below the 附件 title lines', () => {
    expect(result.encoding).toBe('gbk');
    expect(result.headerLine).toBe(3);
    expect(result.kind).toBe('website');
    expect(result.columns).toEqual({
      seq: '序号',
      unit: '县（市）、部门',
      name: '网站名称',
      url: '网址',
      siteCode: '网站标识码',
      sponsor: '主办单位',
    });
  });

  it('imports the good rows with hosts, codes and roster order', () => {
    expect(result.sites.map((s) => s.name)).toEqual([
      '兴平市人民政府',
      '礼泉县人民政府',
      '咸阳市公安局交警支队',
      '咸阳市生态环境局',
    ]);
    const [xp, lq, jj, sthj] = result.sites;
    expect(xp).toEqual({
      id: 'xingping.gov.cn',
      kind: 'website',
      name: '兴平市人民政府',
      hosts: ['www.xingping.gov.cn', 'xingping.gov.cn'],
      url: 'http://www.xingping.gov.cn',
      siteCode: '6104810043',
      sponsor: '兴平市人民政府办公室',
      unit: '兴平市',
      platform: '',
      onRoster: true,
      rosterIndex: 0,
      updatedAt: NOW,
    });
    expect(lq!.url).toBe('http://www.liquan.gov.cn');
    expect(lq!.hosts).toEqual(['www.liquan.gov.cn', 'liquan.gov.cn']);
    expect(jj!.hosts).toEqual(['jjzd.xianyang.gov.cn']);
    // 县(市)、部门 left blank under a merged cell takes the value above.
    expect(sthj!.unit).toBe('市教育局');
    expect(sthj!.hosts).toEqual(['sthjj.xianyang.gov.cn']);
    expect(sthj!.rosterIndex).toBe(3);
  });

  it('reports each bad row with its line number and skips it', () => {
    // Line 1 附件1, 2 title, 3 header; the 交警支队 name spans lines 6–7.
    expect(result.errors.map((e) => e.line)).toEqual([8, 9, 10, 12, 13]);
    const byLine = new Map(result.errors.map((e) => [e.line, e.message]));
    expect(byLine.get(8)).toContain('科学计数法');
    expect(byLine.get(9)).toBe('第9行：缺少网站名称');
    expect(byLine.get(10)).toContain('网址“http://教育 局”无法识别');
    expect(byLine.get(12)).toContain('格式不正确');
    expect(byLine.get(13)).toContain('与第4行重复');
  });

  it('is deterministic', () => {
    expect(importRoster(gbkBytes, { now: NOW })).toEqual(result);
  });
});

describe('importRosterText', () => {
  it('reads a new-media roster from the notice columns', () => {
    const csv = toCsv([
      ['咸阳市2025年第一季度政务新媒体检查结果'],
      ['序号', '账号名称', '开设主体', '账号类型', '检查 结果', '存在的问题'],
      ['1', '红色云阳', '泾阳县云阳镇人民政府', '微信订阅号', '不合格', '未提供有效互动功能'],
      ['2', '咸阳禁毒先锋', '咸阳市禁毒委员会办公室', '今日头条', '合格', ''],
      ['3', '红色云阳', '泾阳县云阳镇人民政府', '微信订阅号', '', ''],
      ['4', '红色云阳', '泾阳县云阳镇人民政府', '抖音', '', ''],
    ]);
    const r = importRosterText(csv, { now: NOW });
    expect(r.kind).toBe('newmedia');
    expect(r.sites.map((s) => [s.name, s.sponsor, s.platform, s.hosts.length])).toEqual([
      ['红色云阳', '泾阳县云阳镇人民政府', '微信订阅号', 0],
      ['咸阳禁毒先锋', '咸阳市禁毒委员会办公室', '今日头条', 0],
      ['红色云阳', '泾阳县云阳镇人民政府', '抖音', 0],
    ]);
    expect(r.errors).toEqual([{ line: 5, message: '第5行：与第3行重复（同一平台的同名账号）：红色云阳' }]);
  });

  it('accepts the 迪庆 header variants and TAB-separated text', () => {
    const text = '县(市)/部门\t新媒体账号名称\t平台\t存在问题\r\n香格里拉市\t香格里拉国土视点\t微信公众号\t严重逾期\r\n';
    const r = importRosterText(text, { now: NOW });
    expect(r.kind).toBe('newmedia');
    expect(r.sites[0]).toMatchObject({ unit: '香格里拉市', name: '香格里拉国土视点', platform: '微信公众号' });
  });

  it('handles Excel text tricks and repeated headers', () => {
    const text = [
      '单位,政府网站名称,网站地址,网站标识码',
      '州人社局,迪庆州人力资源和社会保障局网,="http://rsj.diqing.gov.cn",="5334000012"',
      '单位,政府网站名称,网站地址,网站标识码',
      '国家统计局,国家统计局,https://www.stats.gov.cn/,BM36000001',
    ].join('\r\n');
    const r = importRosterText(text, { now: NOW });
    expect(r.errors).toEqual([]);
    expect(r.sites.map((s) => [s.url, s.siteCode])).toEqual([
      ['http://rsj.diqing.gov.cn', '5334000012'],
      ['https://www.stats.gov.cn/', 'bm36000001'],
    ]);
  });

  it('says so when there is no header, and reports a broken quote', () => {
    expect(importRosterText('随便,写点\r\n什么,东西', { now: NOW }).errors[0]!.message).toContain('没有找到表头');
    const broken = importRosterText('网站名称,网址\r\n"某网站,http://a.gov.cn\r\n', { now: NOW });
    expect(broken.sites).toEqual([]);
    expect(broken.errors).toEqual([{ line: 2, message: expect.stringContaining('引号未闭合') }]);
  });

  it('never throws and never returns a site without name or (for websites) hosts', () => {
    const cellArb = fc.oneof(
      fc.constantFrom('', '网站名称', '网址', '网站标识码', '平台', 'http://www.a.gov.cn', '6104810043', 'x', '"', '\r\n'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { maxLength: 5 }), { maxLength: 8 }), (rows) => {
        const text = rows.map((r) => r.join(',')).join('\r\n');
        const r = importRosterText(text, { now: NOW });
        for (const s of r.sites) {
          expect(s.name).not.toBe('');
          if (s.kind === 'website') expect(s.hosts.length).toBeGreaterThan(0);
        }
        expect(new Set(r.sites.map((s) => s.id)).size).toBe(r.sites.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('cell helpers', () => {
  it('derives hosts', () => {
    expect(hostVariants('WWW.XP.gov.cn')).toEqual(['www.xp.gov.cn', 'xp.gov.cn']);
    expect(hostVariants('xianyang.gov.cn')).toEqual(['xianyang.gov.cn', 'www.xianyang.gov.cn']);
    expect(hostVariants('sfj.xianyang.gov.cn')).toEqual(['sfj.xianyang.gov.cn']);
    expect(hostVariants('10.1.2.3')).toEqual(['10.1.2.3']);
  });

  it('parses roster URLs, full-width punctuation included', () => {
    const u = parseRosterUrl('http：／／www。xp。gov。cn/index.html');
    expect(u.ok && u.value.hosts).toEqual(['www.xp.gov.cn', 'xp.gov.cn']);
    const two = parseRosterUrl('http://a.gov.cn；http://b.gov.cn');
    expect(two.ok && two.value.hosts).toEqual(['a.gov.cn', 'www.a.gov.cn', 'b.gov.cn', 'www.b.gov.cn']);
    const sub = parseRosterUrl('http://www.xianyang.gov.cn/sfj/index.html');
    expect(sub.ok && [sub.value.id, sub.value.key]).toEqual(['xianyang.gov.cn/sfj', 'www.xianyang.gov.cn/sfj']);
    expect(parseRosterUrl('ftp://a.gov.cn').ok).toBe(false);
    expect(parseRosterUrl('localhost').ok).toBe(false);
    expect(parseRosterUrl('').ok).toBe(false);
  });

  it('checks 网站标识码', () => {
    expect(checkSiteCode(' 6104810043 ')).toEqual({ ok: true, value: '6104810043' });
    expect(checkSiteCode('bm55000001')).toEqual({ ok: true, value: 'bm55000001' });
    expect(checkSiteCode('')).toEqual({ ok: true, value: '' });
    expect(checkSiteCode('61048100431').ok).toBe(false);
    expect(checkSiteCode('6.10481E+09').ok).toBe(false);
  });

  it('joins names wrapped over lines', () => {
    expect(cleanName('咸阳市公安局\r\n交警支队')).toBe('咸阳市公安局交警支队');
    expect(cleanName('  信用中国 (云南·迪庆) ')).toBe('信用中国 (云南·迪庆)');
  });
});
