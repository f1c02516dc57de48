// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { articlePublishDate } from './article';

describe('articlePublishDate', () => {
  it('takes the labelled 发布时间, not the sidebar 留言时间 before it', () => {
    const text = '留言选登\n请问如何查询？\n留言时间：\n2025-04-27\n行政处罚信息公开表\n发布时间：2024-07-12\n来源：检查局\n2024年7月8日';
    expect(articlePublishDate(text, '行政处罚信息公开表')?.date).toBe('2024-07-12');
  });

  it('prefers 发布日期 over a generic 时间 and ignores 发文日期', () => {
    const text = '标题\n发文日期：2023-03-31\n会议时间：2023-04-02\n发布日期：2023-04-03';
    expect(articlePublishDate(text, '标题')?.date).toBe('2023-04-03');
  });

  it('uses a generic 时间 label when nothing more specific is shown', () => {
    expect(articlePublishDate('山西要闻\n时间：2019-09-18 06:23\n来源：', '山西要闻')?.date).toBe('2019-09-18');
  });

  it('returns null when only body dates exist', () => {
    expect(articlePublishDate('公报\n（2007年6月29日第十届全国人民代表大会常务委员会通过）', '公报')).toBeNull();
    expect(articlePublishDate('标题\n发文日期：2023-03-31', '标题')).toBeNull();
  });
});
