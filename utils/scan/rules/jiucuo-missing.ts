import { IDENTITY, identityOf } from '../identity';
import type { Rule } from '../types';

/**
 * "我为政府网站找错" 监督入口 (功能设计). Checked on home pages only: that is where the
 * indicator asks for it, and templates that carry it do so site-wide anyway.
 */
export const rule: Rule = {
  meta: {
    id: 'jiucuo-missing',
    title: '首页缺失“我为政府网站找错”入口',
    indicator: '国办秘函〔2019〕19号 扣分指标 功能设计（“我为政府网站找错”）',
    severity: 'deduct',
    category: '功能设计',
    description: '首页没有“我为政府网站找错”入口（zfwzgl.www.gov.cn/exposure/jiucuo.js 脚本、找错图片或链接）。',
  },
  needs: [IDENTITY],
  check(page) {
    if (page.pageType !== 'home') return [];
    const id = identityOf(page);
    if (!id.hasFooter || id.jiucuo.text) return [];
    return [
      {
        message: '首页未提供“我为政府网站找错”入口',
        quote: null,
        element: id.footerRoot,
        detail: {
          lookedFor: 'script#_jiucuo_ / jiucuo.js、#_span_jiucuo、jiucuo 图片或链接、“我为政府网站找错/网站纠错”链接',
          where: id.where,
        },
      },
    ];
  },
};
