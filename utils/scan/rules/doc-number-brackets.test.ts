import { describe, expect, it } from 'vitest';
import { badDocNumbers, rule } from './doc-number-brackets';
import { pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

const ctx = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS };

describe('doc-number-brackets', () => {
  it('flags years in the wrong brackets and suggests 〔〕', () => {
    const text = '根据国发[2023]5号、赣府厅字【2022】12号、晋政办发（2021）3号和国办发﹝2019﹞19号文件精神';
    expect(badDocNumbers(text).map((d) => d.fixed)).toEqual(['国发〔2023〕5号', '赣府厅字〔2022〕12号', '晋政办发〔2021〕3号', '国办发〔2019〕19号']);
    const page = pageFromHtml(
      `<html><head><title>关于印发实施方案的通知</title></head><body><div id="zoom"><p>${'为贯彻落实有关部署要求，结合本地实际，制定本方案。'.repeat(4)}</p><p>${text}</p></div></body></html>`,
      'https://www.example.gov.cn/art/2024/5/10/art_1_123.html',
    );
    const found = rule.check(page, ctx);
    expect(found).toHaveLength(4);
    expect(found[0].quote).toBe('国发[2023]5号');
  });

  it('does not flag correct 文号 or court case numbers', () => {
    expect(badDocNumbers('国办发〔2017〕47号；（2023）京0105民初12345号；2023年(第5号)')).toEqual([]);
  });
});
