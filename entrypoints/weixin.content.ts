import { defineContentScript } from 'wxt/utils/define-content-script';
import { parseWeixinArticle, isWeixinArticleUrl } from '../utils/newmedia/weixin';
import { send } from '../utils/messages';

/**
 * 政务新媒体: on a WeChat article, read the account name and publish date so the dashboard's
 * 2周内无更新 check is prefilled for accounts on the roster. Nothing is marked on the page.
 */
export default defineContentScript({
  matches: ['https://mp.weixin.qq.com/s*', 'http://mp.weixin.qq.com/s*'],
  runAt: 'document_idle',
  main() {
    if (!isWeixinArticleUrl(location.href)) return;
    const article = parseWeixinArticle(document);
    if (!article.accountName || !article.publishDate) return;
    void send({ type: 'newmedia:seen', account: article.accountName, date: article.publishDate }).catch(() => undefined);
  },
});
