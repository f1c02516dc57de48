import { IDENTITY, elementContaining, identityOf } from '../identity';
import type { Rule } from '../types';

/** 政府网站标识码: 10 digits (local) or bm + 8 digits (国务院部门), shown in the footer. */
export const rule: Rule = {
  meta: {
    id: 'site-code-missing',
    title: '网站标识码缺失或不规范',
    indicator: '国办发〔2017〕47号 网站标识（政府网站标识码）',
    severity: 'deduct',
    category: '网站标识',
    description: '页面底部未列明网站标识码，或标识码不是10位数字 / bm加8位数字。',
  },
  needs: [IDENTITY],
  check(page) {
    const id = identityOf(page);
    if (!id.hasFooter || id.siteCode.codes.length) return [];
    const lookedFor = '“网站标识码 / 政府网站标识码 / 标识码”标签后的10位数字或bm加8位数字';
    const hidden = id.siteCode.metaCode ?? id.siteCode.jiucuoCode;
    if (id.siteCode.malformed) {
      return [
        {
          message: `网站标识码“${id.siteCode.malformed}”不规范（应为10位数字或bm加8位数字）`,
          quote: id.siteCode.malformed,
          element: elementContaining(id.footerRoot ?? page.body, id.siteCode.malformed),
          detail: { lookedFor, where: id.where, shown: id.siteCode.malformed, metaCode: hidden },
        },
      ];
    }
    return [
      {
        message: hidden
          ? `页面底部未列明网站标识码（页面代码中登记为${hidden}，但页面上未显示）`
          : '页面底部未列明网站标识码',
        quote: null,
        element: id.footerRoot,
        detail: { lookedFor, where: id.where, metaCode: hidden },
      },
    ];
  },
};
