// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { daysBetween, findDates, parseDate, ymd } from './parse';

const dates = (text: string, refDate?: string) => findDates(text, { refDate }).map((d) => d.date);

describe('parseDate', () => {
  it.each([
    ['2023-05-12', '2023-05-12'],
    ['2023-5-12', '2023-05-12'],
    ['2023/05/12', '2023-05-12'],
    ['2023.05.12', '2023-05-12'],
    ['2023年5月12日', '2023-05-12'],
    ['2023 年 5 月 12 日', '2023-05-12'],
    ['二〇二三年五月十二日', '2023-05-12'],
    ['二〇二〇年十二月三十一日', '2020-12-31'],
    ['二〇一九年十月十日', '2019-10-10'],
    ['2023-05-12 10:49:00', '2023-05-12'],
    ['２０２３－０５－１２', '2023-05-12'],
    ['  [2023-05-12]  ', '2023-05-12'],
  ])('%s → %s', (raw, want) => {
    expect(parseDate(raw)).toBe(want);
  });

  it('rejects impossible dates', () => {
    expect(parseDate('2023-02-30')).toBeNull();
    expect(parseDate('2023-13-01')).toBeNull();
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('二〇二三年二月三十日')).toBeNull();
    expect(parseDate('not a date')).toBeNull();
  });

  it('takes refYear for year-less dates', () => {
    expect(parseDate('05-12', { refYear: 2021 })).toBe('2021-05-12');
    expect(parseDate('[05-12]', { refYear: 2021 })).toBe('2021-05-12');
  });
});

describe('findDates', () => {
  it('finds every form in one text with indexes and raw text', () => {
    const text = '通知 2023-05-12 要闻 2023/6/1 公告 2023年7月8日 落款 二〇二三年八月九日';
    const found = findDates(text);
    expect(found.map((d) => d.date)).toEqual(['2023-05-12', '2023-06-01', '2023-07-08', '2023-08-09']);
    for (const f of found) expect(text.slice(f.index, f.index + f.raw.length)).toBe(f.raw);
    expect(found[3].raw).toBe('二〇二三年八月九日');
  });

  it('keeps the time inside raw and the date exact', () => {
    const [d] = findDates('发布时间：2023-05-12 10:49:00 来源：市政府办');
    expect(d.date).toBe('2023-05-12');
    expect(d.raw).toBe('2023-05-12 10:49:00');
    expect(d.label).toBe('发布时间');
  });

  it.each([
    ['发布时间：2023-05-12', '发布时间'],
    ['发布日期: 2023-05-12', '发布日期'],
    ['成文日期：2023年05月12日', '成文日期'],
    ['时间：2019-09-18 06:23', '时间'],
    ['日期：[2023-05-12]', '日期'],
    ['有效期至：2099-12-31', '有效期至'],
    ['标题 2023-05-12', null],
  ])('label of %s is %s', (text, label) => {
    expect(findDates(text)[0].label).toBe(label);
  });

  it('infers the year of [MM-DD] from refDate: latest year not after it', () => {
    const found = findDates('[12-28] 旧闻\n[01-03] 新闻', { refDate: '2024-01-05' });
    expect(found.map((d) => d.date)).toEqual(['2023-12-28', '2024-01-03']);
    expect(found.every((d) => d.inferredYear)).toBe(true);
    expect(found[0].raw).toBe('12-28');
  });

  it('infers the year from neighbouring full dates without refDate', () => {
    expect(dates('发布日期 2021-03-01 相关 03-05 其他')).toEqual(['2021-03-01', '2021-03-05']);
  });

  it('does not take year-less 02-29 in a non-leap ref year', () => {
    expect(dates('[02-29] x', '2023-05-01')).toEqual(['2020-02-29']);
  });

  it('rejects impossible dates in text', () => {
    expect(dates('2023-02-30 通知 2023-13-01 公告 2023-04-31')).toEqual([]);
  });

  it.each([
    ['版权所有 © 2023-05-12 某某市人民政府'],
    ['Copyright 2023.05.12 All rights reserved'],
    ['访问量：2023-05-12'],
    ['浏览次数：2023-05-12'],
    ['今天是 2023年10月11日 星期三'],
    ['当前时间：2023-10-11 10:30'],
    ['索引号：640501001/2024-00155'],
    ['索引号：2023-05-12'],
    ['电话：0791-2023-0512'],
    ['联系电话：2012-05-06'],
    ['文号：赣府发〔2023〕5号'],
    ['11360000MB1234/2023-05-12'],
    ['20230512'],
    ['2023-05-123'],
    ['12-1234'],
    ['10:49:00'],
    ['3.14.15'],
    ['1-2'],
  ])('finds no publication date in %s', (text) => {
    expect(dates(text, '2024-01-01')).toEqual([]);
  });

  it('keeps a publication date that follows a counter on the same line', () => {
    expect(dates('浏览次数：128 发布时间：2023-05-12')).toEqual(['2023-05-12']);
  });

  it('keeps a list date after a 文号', () => {
    expect(dates('关于印发方案的通知 赣府发〔2023〕5号 2023-05-12')).toEqual(['2023-05-12']);
  });

  it('reads year-month-day of 2023.5.12 but not a version number like 1.2.3', () => {
    expect(dates('v1.2.3 发布 2023.5.12')).toEqual(['2023-05-12']);
  });

  it('does not read mixed separators as a date', () => {
    expect(dates('2023-05/12')).toEqual([]);
  });

  it('ignores year-less dates next to times (clock 10:49)', () => {
    expect(dates('10:49-12', '2024-01-01')).toEqual([]);
  });
});

describe('helpers', () => {
  it('ymd validates', () => {
    expect(ymd(2000, 2, 29)).toBe('2000-02-29');
    expect(ymd(1900, 2, 29)).toBeNull();
  });
  it('daysBetween counts whole days', () => {
    expect(daysBetween('2023-03-01', '2023-10-01')).toBe(214);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });
});

describe('findDates: layout details', () => {
  it('takes a label from the line above when the date stands alone', () => {
    const [d] = findDates('发布时间：\n 2021-10-11\n 一、项目编号');
    expect(d.label).toBe('发布时间');
  });

  it('tells 留言时间 from 发布时间', () => {
    expect(findDates('留言时间：2025-04-27')[0].label).toBe('留言时间');
  });

  it.each([['2023年10月11日 星期三'], ['2023-10-11 周三'], ['2023年10月11日 农历八月廿七']])('rejects the clock %s', (text) => {
    expect(findDates(text)).toEqual([]);
  });

  it('keeps a date followed by a word starting with 周', () => {
    expect(findDates('2023-10-11 周边环境整治通知').map((d) => d.date)).toEqual(['2023-10-11']);
  });
});
