import type { CheckRule } from '../check-rule';
import type { PageLink } from '../../links/collect';
import type { LinkVerdict } from '../../net/classify';

/**
 * 链接无法打开 (可用性, 扣分): links of the checked page that answer with an error, do not connect,
 * loop in redirects, or land on an error page served as 200. One finding per broken address,
 * marked on the link's text when it has one.
 */
export const rule: CheckRule<{ link: PageLink; verdict: LinkVerdict }[]> = {
  meta: {
    id: 'broken-link',
    title: '链接无法打开（错链、断链）',
    indicator: '国办秘函〔2019〕19号 扣分指标 可用性（链接可用性：错链、断链）；国办发〔2017〕47号 功能设计',
    severity: 'deduct',
    category: '可用性',
    description: '页面上的链接打开失败：404等错误、域名无法解析、超时、重定向循环，或跳转到错误页面。',
  },
  check(results) {
    return results
      .filter((r) => r.verdict.broken)
      .map(({ link, verdict }) => ({
        message: `链接“${(link.text || link.url).slice(0, 40)}”无法打开：${verdict.reason}`,
        quote: link.text ? link.text : null,
        textQuote: link.quote ?? undefined,
        key: link.url,
        detail: { href: link.url, reason: verdict.reason, kind: verdict.kind, sameSite: link.sameSite },
      }));
  },
};
