// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { urlDate } from './url';

describe('urlDate', () => {
  it.each([
    ['http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml', '2019-09-18', 'day'],
    ['http://www.baoji.gov.cn/art/2020/11/11/art_406_1230102.html', '2020-11-11', 'day'],
    ['http://www.gov.cn/zhengce/2019-04/18/content_5384134.htm', '2019-04-18', 'day'],
    ['https://www.example.gov.cn/xw/20230512/abc.html', '2023-05-12', 'day'],
    ['https://www.yichun.gov.cn/ycsrmzf/tjgb/202304/3f093ec317ba4609b241d0c79175c7cd.shtml', '2023-04', 'month'],
    ['https://www.gov.cn/yaowen/liebiao/202309/content_6906264.htm', '2023-09', 'month'],
  ])('%s → %s', (url, value, precision) => {
    expect(urlDate(url)).toMatchObject({ value, precision });
  });

  it.each([
    ['https://www.gov.cn/'],
    ['https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1170162'],
    ['https://www.example.gov.cn/202313/x.html'],
    ['https://www.example.gov.cn/xw/t20230230_1.html'],
    ['not a url'],
  ])('no date in %s', (url) => {
    expect(urlDate(url)).toBeNull();
  });
});
