import { describe, expect, it } from 'vitest';
import { rule } from './future-date';
import { pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

const ctx = { monitoringDate: '2023-10-11', thresholds: DEFAULT_THRESHOLDS };
const article = (line: string) =>
  pageFromHtml(`<h1>关于开展安全检查的通知</h1><div class="info">${line} 来源：县政府办</div><div class="TRS_Editor"><p>各乡镇：为做好安全生产工作，现将有关事项通知如下，请认真贯彻执行。</p></div>`, 'https://x.gov.cn/tzgg/202310/t20231010_1.html');

describe('future-date', () => {
  it('fires on an article whose 发布时间 lies after today', () => {
    const out = rule.check(article('发布时间：2099-01-01'), ctx);
    expect(out).toHaveLength(1);
    expect(out[0].quote).toBe('2099-01-01');
  });

  it('does not fire on 有效期至 or on a date after the 检查时间点 but not after today', () => {
    expect(rule.check(article('发布时间：2023-10-10 有效期至：2099-12-31'), ctx)).toHaveLength(0);
    expect(rule.check(article('发布时间：2024-01-05'), ctx)).toHaveLength(0);
  });
});
