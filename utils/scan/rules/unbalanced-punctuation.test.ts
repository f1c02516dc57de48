import { describe, expect, it } from 'vitest';
import { rule } from './unbalanced-punctuation';
import { doubled, unpaired } from '../../text/punctuation';
import { pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

const ctx = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS };

describe('unbalanced-punctuation', () => {
  it('finds unpaired marks within one paragraph', () => {
    expect(unpaired('依据《政府信息公开条例规定，予以公开。').map((i) => i.char)).toEqual(['《']);
    expect(unpaired('他说：“要抓好落实。').map((i) => i.char)).toEqual(['“']);
    expect(unpaired('各乡镇（街道要按时上报。').map((i) => i.char)).toEqual(['（']);
    expect(unpaired('本表数据为初步统计数）。').map((i) => i.char)).toEqual(['）']);
  });

  it('accepts paired marks, numbering like 1）, multi-paragraph quotations and cut-off titles', () => {
    expect(unpaired('依据《中华人民共和国政府信息公开条例》（国务院令第711号）“主动公开”规定。')).toEqual([]);
    expect(unpaired('1）加强组织领导；2）压实工作责任；a) 其他')).toEqual([]);
    expect(unpaired('“第一段引文没有结束，', '“第二段继续。”')).toEqual([]);
    expect(unpaired('关于印发《某县2024年度重点工作任务分解…')).toEqual([]);
  });

  it('finds doubled 的的 / 了了 only where they are errors', () => {
    expect(doubled('这是我们的的工作重点').map((i) => i.char)).toEqual(['的']);
    expect(doubled('工作完成了了。').map((i) => i.char)).toEqual(['了']);
    expect(doubled('的的确确、不了了之、进行了了解、达到目的的手段')).toEqual([]);
  });

  it('fires on a page paragraph with an unclosed 书名号', () => {
    const page = pageFromHtml(
      `<html><head><title>政策解读</title></head><body><div id="zoom"><p>${'为进一步做好政策解读工作，现就有关问题说明如下。'.repeat(4)}</p><p>依据《政府信息公开条例规定，予以公开。</p></div></body></html>`,
      'https://www.example.gov.cn/art/2024/5/10/art_1_123.html',
    );
    const found = rule.check(page, ctx);
    expect(found).toHaveLength(1);
    expect(found[0].quote).toBe('《政府信息公开条例规定，');
  });
});
