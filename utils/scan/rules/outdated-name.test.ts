import { describe, expect, it } from 'vitest';
import { rule } from './outdated-name';
import { pageFromHtml } from '../testing';
import { DEFAULT_THRESHOLDS } from '../types';

const ctx = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS };
const FILLER = '为进一步加强执法监管，切实维护群众合法权益，现将有关情况通报如下，请各单位认真对照抓好整改落实。';

function article(date: string, p: string) {
  return pageFromHtml(
    `<html><head><title>关于开展专项检查的通知</title></head><body><h1>关于开展专项检查的通知</h1><div class="info">发布时间：${date}</div>
     <div id="zoom"><p>${FILLER}</p><p>${p}</p></div></body></html>`,
    'https://www.example.gov.cn/art/2024/5/10/art_1_123.html',
  );
}

describe('outdated-name', () => {
  it('fires on a pre-reform agency name used in a page published after the reform', () => {
    const found = rule.check(article('2024-05-10', '县国土资源局、县工商局联合开展执法检查。保险数据来自江西银保监局。'), ctx);
    expect(found.map((c) => c.quote)).toEqual(['国土资源局', '工商局', '银保监局']);
    expect(found[0].message).toContain('自然资源局');
  });

  it('does not fire before the reform, on reform history, or on undated articles', () => {
    expect(rule.check(article('2017-05-15', '县国土资源局开展执法检查。'), ctx)).toHaveLength(0);
    expect(rule.check(article('2024-05-10', '原县国土资源局的职责划入县自然资源局。'), ctx)).toHaveLength(0);
    const undated = pageFromHtml(
      `<html><head><title>通知</title></head><body><div id="zoom"><p>${FILLER}</p><p>县国土资源局开展执法检查。</p></div></body></html>`,
      'https://www.example.gov.cn/art/2024/5/10/art_1_123.html',
    );
    expect(rule.check(undated, ctx)).toHaveLength(0);
  });
});

describe('outdated-name: the item’s own date', () => {
  const list = (items: string) =>
    pageFromHtml(
      `<html><head><title>政策文件_示范县人民政府</title></head><body><h1>政策文件</h1><div class="info">发布时间：2025-03-10</div>
       <div id="zoom"><p>${FILLER}</p><ul>${items}</ul></div></body></html>`,
      'https://www.example.gov.cn/art/2025/3/10/art_1_456.html',
    );

  it('does not fire on decisions the former agency issued before the change, by 文号 year or date', () => {
    const page = list(
      '<li>中国银行保险监督管理委员会关于银行业保险业数字化转型的指导意见（银保监办发〔2022〕2号）</li>' +
        '<li>中国银行保险监督管理委员会行政处罚决定书 2021-08-12</li>',
    );
    expect(rule.check(page, ctx)).toHaveLength(0);
  });

  it('still fires where the item is after the change, or has no date of its own', () => {
    const page = list('<li>中国银行保险监督管理委员会关于做好2024年普惠金融工作的通知（2024年3月1日）</li><li>请联系中国银行保险监督管理委员会咨询。</li>');
    const found = rule.check(page, ctx);
    expect(found.map((c) => c.quote)).toContain('中国银行保险监督管理委员会');
    expect(found).toHaveLength(1);
  });
});
