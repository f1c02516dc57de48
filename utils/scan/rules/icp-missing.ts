import { IDENTITY, identityOf } from '../identity';
import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'icp-missing',
    title: '页面缺失ICP备案编号',
    indicator: '国办发〔2017〕47号 网站标识（ICP备案编号）',
    severity: 'deduct',
    category: '网站标识',
    description: '页面底部未列明ICP备案编号（如“京ICP备05070218号”）。',
  },
  needs: [IDENTITY],
  check(page) {
    const id = identityOf(page);
    if (!id.hasFooter || id.icp.text) return [];
    return [
      {
        message: '页面底部未列明ICP备案编号',
        quote: null,
        element: id.footerRoot,
        detail: {
          lookedFor: '“<省简称>ICP备<数字>号(-n)”（含跨元素拆分、“备案序号”写法）或带备案号文字的 beian.miit.gov.cn 链接',
          where: id.where,
        },
      },
    ];
  },
};
