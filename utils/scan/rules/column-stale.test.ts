import { beforeAll, describe, expect, it } from 'vitest';
import { rule } from './column-stale';
import { loadFixture, loadPage, pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

// Parse the real pages before the tests: parsing is set-up (once per file), not the rule under test.
beforeAll(() => { for (const name of ['005-nfra-penalty-article.html', '007-govcn-home.html', '014-yichun-portal-home-raw.html']) loadFixture(name); });

const ctx = (monitoringDate: string) => ({ monitoringDate, thresholds: DEFAULT_THRESHOLDS });

describe('column-stale', () => {
  it('finds nothing stale on the 宜春 portal home at its generation date', () => {
    expect(rule.check(loadPage('014-yichun-portal-home-raw.html'), ctx('2023-10-11'))).toHaveLength(0);
  });

  it('flags only the columns past their class limit two months later', () => {
    const out = rule.check(loadPage('014-yichun-portal-home-raw.html'), ctx('2023-12-11'));
    const names = out.map((f) => f.detail?.column);
    // 2-week news columns are stale; 6-month 政府文件/江西省政策 and 1-year others are not.
    expect(names).toContain('政务要闻');
    expect(names).toContain('县市区动态');
    expect(names).not.toContain('政府文件');
    expect(names).not.toContain('政策解读');
  });

  it('words the finding as inspectors do, with the column class limit', () => {
    const out = rule.check(loadPage('synthetic-county-home.html', 'https://www.example.gov.cn/'), ctx('2023-10-11'));
    const notice = out.find((f) => f.detail?.column === '通知公告');
    expect(notice?.message).toBe('栏目“通知公告”最新信息为2023-03-01，距检查时间点已224天（通知公告、政策文件类栏目要求6个月内更新）');
    expect(notice?.detail).toMatchObject({ newest: '2023-03-01', ageDays: 224, cls: 'notice', limitDays: 183, href: 'https://www.example.gov.cn/tzgg/index.html' });
    expect(notice?.quote).toBe('通知公告');
    // The hidden 部门动态 pane (2023-10-09) is fresh; 工作动态 and 乡镇动态 are not.
    expect(out.map((f) => f.detail?.column).sort()).toEqual(['乡镇动态', '工作动态', '通知公告'].sort());
  });

  it('does not judge columns without dates, nor article sidebars', () => {
    expect(rule.check(loadPage('007-govcn-home.html'), ctx('2024-09-27'))).toHaveLength(0);
    expect(rule.check(loadPage('005-nfra-penalty-article.html'), ctx('2030-01-01'))).toHaveLength(0);
  });

  it('does not read a headline date as the item date', () => {
    const html = `<div><div class="title">通知公告</div><ul>
      <li><a href="/a.html">关于2022年1月1日停电的通知</a><span>2023-10-01</span></li>
      <li><a href="/b.html">关于2021年3月5日起调整办公时间的通知</a><span>2023-09-20</span></li></ul></div>`;
    expect(rule.check(pageFromHtml(html, 'https://x.gov.cn/'), ctx('2023-10-11'))).toHaveLength(0);
  });
});

describe('column-stale on year-less dates', () => {
  const list = (dates: string[], href: (i: number) => string) =>
    `<div class="box"><h3>通知公告</h3><ul>${dates.map((d, i) => `<li><a href="${href(i)}">关于开展第${i + 1}批专项检查工作的通知</a><span>[${d}]</span></li>`).join('')}</ul></div>`;

  it('takes the year from the item addresses (TRS t20230305_) and judges without doubt', () => {
    const hrefs = ['/tzgg/202303/t20230305_1.html', '/tzgg/202302/t20230201_2.html'];
    const page = pageFromHtml(list(['03-05', '02-01'], (i) => hrefs[i]));
    const out = rule.check(page, ctx('2024-03-20'));
    expect(out).toHaveLength(1);
    expect(out[0].detail).toMatchObject({ newest: '2023-03-05' });
    expect(out[0].review).toBeFalsy();
  });

  it('with nothing to settle the year, guesses the latest and asks for confirmation with the reason', () => {
    const page = pageFromHtml(list(['03-05', '02-01'], (i) => `/tzgg/content_${i}.html`));
    const out = rule.check(page, ctx('2024-10-20'));
    expect(out).toHaveLength(1);
    expect(out[0].review).toBe(true);
    expect(out[0].detail).toMatchObject({ newest: '2024-03-05' });
    expect(out[0].message).toContain('未显示年份');
    expect(String(out[0].detail?.yearNote)).toContain('推定为2024年');
  });

  it('a full date elsewhere on the page that reads the same year settles it', () => {
    const other = `<div class="box"><h3>工作动态</h3><ul><li><a href="/a.html">县政府召开常务会议研究重点工作</a><span>2024-09-30</span></li><li><a href="/b.html">全县防汛工作会议召开部署</a><span>2024-09-12</span></li></ul></div>`;
    const out = rule.check(pageFromHtml(other + list(['03-05', '02-01'], (i) => `/tzgg/content_${i}.html`)), ctx('2024-10-20'));
    const notice = out.find((f) => f.detail?.column === '通知公告');
    expect(notice?.review).toBeFalsy();
  });
});
