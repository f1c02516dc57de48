import { describe, expect, it } from 'vitest';
import { rule } from './url-date-mismatch';
import { pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

const ctx = { monitoringDate: '2023-10-11', thresholds: DEFAULT_THRESHOLDS };
const article = (line: string, url: string) =>
  pageFromHtml(`<h1>关于开展安全检查的通知</h1><div class="info">${line} 来源：县政府办</div><div class="TRS_Editor"><p>各乡镇：为做好安全生产工作，现将有关事项通知如下，请认真贯彻执行。</p></div>`, url);

describe('url-date-mismatch', () => {
  it('fires when the 发布时间 is earlier than the TRS t-date (backdated)', () => {
    const out = rule.check(article('发布时间：2023-05-02', 'https://x.gov.cn/tzgg/202305/t20230512_123.html'), ctx);
    expect(out).toHaveLength(1);
    expect(out[0].detail).toMatchObject({ published: '2023-05-02', urlDate: '2023-05-12' });
  });

  it('fires when an old document carries a fresh date (大汉 /art/ address)', () => {
    const out = rule.check(article('发布日期：2023-10-09', 'http://www.baoji.gov.cn/art/2020/11/11/art_406_1230102.html'), ctx);
    expect(out).toHaveLength(1);
  });

  it('compares month-only addresses by month', () => {
    expect(rule.check(article('发布时间：2023-04-28', 'https://x.gov.cn/tzgg/202305/abc.shtml'), ctx)).toHaveLength(1);
    expect(rule.check(article('发布时间：2023-05-30', 'https://x.gov.cn/tzgg/202305/abc.shtml'), ctx)).toHaveLength(0);
  });
});
