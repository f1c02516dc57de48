import { IDENTITY, elementContaining, identityOf, SITE_CODE_FORMAT } from '../identity';
import type { Candidate, Rule } from '../types';

/** The code a page shows must be the one the site is registered under (roster). */
export const rule: Rule = {
  meta: {
    id: 'site-code-mismatch',
    title: '网站标识码与名录不一致',
    indicator: '国办发〔2017〕47号 网站标识（政府网站标识码）；全国政府网站信息报送系统',
    severity: 'deduct',
    category: '网站标识',
    description: '页面显示的网站标识码与检查名录中登记的标识码不同。',
  },
  needs: [IDENTITY],
  check(page, ctx) {
    const roster = (ctx.rosterSiteCode || '').trim().toLowerCase();
    if (!roster || !SITE_CODE_FORMAT.test(roster)) return [];
    const id = identityOf(page);
    const shown = id.siteCode.codes;
    const out: Candidate[] = [];
    for (const code of shown) {
      if (code === roster) continue;
      out.push({
        message: `页面网站标识码“${code}”与名录登记的“${roster}”不一致`,
        quote: code,
        element: elementContaining(id.footerRoot ?? page.body, code) ?? elementContaining(page.body, code),
        detail: { lookedFor: '页面显示的网站标识码', where: id.where, shown: code, roster },
      });
    }
    // Not shown on the page (site-code-missing reports that), but the page's own meta
    // or 找错 script carries a different code: worth a look, not a deduction.
    const hidden = id.siteCode.metaCode ?? id.siteCode.jiucuoCode;
    if (!shown.length && hidden && hidden !== roster) {
      out.push({
        message: `页面代码中的网站标识码“${hidden}”与名录登记的“${roster}”不一致`,
        quote: null,
        review: true,
        detail: { lookedFor: 'meta SiteIDCode / 找错脚本 sitecode', where: '页面代码', shown: hidden, roster },
      });
    }
    return out;
  },
};
