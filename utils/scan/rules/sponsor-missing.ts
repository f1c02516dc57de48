import { IDENTITY, identityOf } from '../identity';
import type { Candidate, Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'sponsor-missing',
    title: '页面底部缺失主办单位或联系方式',
    indicator: '国办发〔2017〕47号 网站标识（主办单位、联系方式）',
    severity: 'deduct',
    category: '网站标识',
    description: '页面底部未列明主办单位（主办单位：/主办：/主办方：），或没有任何联系方式（电话、邮箱、地址、联系我们）。',
  },
  needs: [IDENTITY],
  check(page) {
    const id = identityOf(page);
    if (!id.hasFooter) return [];
    const out: Candidate[] = [];
    if (!id.sponsor.text) {
      out.push({
        message: '页面底部未列明主办单位',
        quote: null,
        element: id.footerRoot,
        detail: { lookedFor: '“主办单位：/主办：/主办方：/主办机关”', where: id.where },
      });
    }
    if (!id.contact.text) {
      out.push({
        message: '页面底部未列明联系方式',
        quote: null,
        element: id.footerRoot,
        detail: { lookedFor: '联系电话、邮箱、地址、邮编或“联系我们”', where: id.where },
      });
    }
    return out;
  },
};
