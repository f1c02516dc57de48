import { IDENTITY, identityOf } from '../identity';
import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'police-record-missing',
    title: '页面缺失公安机关备案标识',
    indicator: '国办发〔2017〕47号 网站标识（公安机关备案标识）',
    severity: 'deduct',
    category: '网站标识',
    description: '页面底部未列明公安机关备案号（如“京公网安备11010202000001号”）。',
  },
  needs: [IDENTITY],
  check(page) {
    const id = identityOf(page);
    if (!id.hasFooter || id.police.text) return [];
    return [
      {
        message: '页面底部未列明公安机关备案标识（公网安备号）',
        quote: null,
        element: id.footerRoot,
        detail: {
          lookedFor: '“<省简称>公网安备 <数字>(号)”或 beian.gov.cn 备案链接（recordcode）',
          where: id.where,
        },
      },
    ];
  },
};
