import { IDENTITY, identityOf } from '../identity';
import type { Rule } from '../types';

/**
 * 党政机关网站标识 must sit at the bottom of every page (网站标识管理办法). The badge is
 * recognised in all its real forms, including the dcs.conac.cn loader that a saved page
 * never ran. This rule also speaks for the whole identity block when the page shows no
 * footer at all (a frame fragment, a footer loaded later): one 待核实 mark instead of five.
 */
export const rule: Rule = {
  meta: {
    id: 'conac-badge-missing',
    title: '页面缺失党政机关网站标识',
    indicator: '国办发〔2017〕47号 网站标识；《党政机关网站开办审核、资格复核和网站标识管理办法》',
    severity: 'deduct',
    category: '网站标识',
    description: '页面底部没有党政机关网站标识（bszs.conac.cn 链接、标识图片或 dcs.conac.cn 加载脚本）。',
  },
  needs: [IDENTITY],
  check(page) {
    const id = identityOf(page);
    if (!id.hasFooter) {
      return [
        {
          message: '页面未检测到底部功能区（党政机关网站标识、网站标识码、ICP备案编号、公安机关备案标识、主办单位均未找到），请人工核实',
          quote: null,
          review: true,
          detail: {
            lookedFor: '页面底部功能区：党政机关网站标识、网站标识码、ICP备案、公网安备、主办单位',
            where: id.where,
          },
        },
      ];
    }
    if (id.badge.text) return [];
    return [
      {
        message: '页面底部未添加党政机关网站标识',
        quote: null,
        element: id.footerRoot,
        detail: {
          lookedFor: '指向 bszs.conac.cn 的链接、dcs.conac.cn 标识脚本（含未执行的 document.write 加载脚本）、#_ideConac/#imgConac、red.png/blue.png 或 alt 含“党政机关”的标识图片',
          where: id.where,
        },
      },
    ];
  },
};
