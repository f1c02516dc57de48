/**
 * Offscreen document: holds the word-trigram language model for the suspected-typo check, off
 * every page's main thread. The 17 MB model and the tables are loaded once, on the first request,
 * and stay for the browser session (the background keeps this document open).
 */
import { browser } from 'wxt/browser';
import { createTypoChecker, type TypoChecker } from '../../utils/text/suspect/checker';
import { errorText } from '../../utils/errors';
import type { LinksParseRequest, OffscreenRequest } from './bridge';
import { collectLinks } from '../../utils/links/collect';

let checker: Promise<TypoChecker> | null = null;

function load(): Promise<TypoChecker> {
  checker ??= fetch(browser.runtime.getURL('/lm/zh_CN.lm'))
    .then((r) => {
      if (!r.ok) throw new Error(`语言模型文件无法读取（HTTP ${r.status}）`);
      return r.arrayBuffer();
    })
    .then((bytes) => createTypoChecker(bytes))
    .catch((e: unknown) => {
      checker = null; // a later request tries again
      throw e;
    });
  return checker;
}

browser.runtime.onMessage.addListener((msg: OffscreenRequest | LinksParseRequest, _sender, sendResponse) => {
  // 检查链接 on a roster home page: parsed inert (DOMParser runs no script, loads nothing).
  if (msg?.target === 'offscreen' && msg.type === 'links:parse') {
    try {
      const doc = new DOMParser().parseFromString(msg.html, 'text/html');
      sendResponse({ ok: true, data: { title: doc.title, ...collectLinks(doc, msg.url) } });
    } catch (e) {
      sendResponse({ ok: false, error: errorText(e) });
    }
    return false;
  }
  // Every extension message reaches this page too: answer only the ones addressed to it.
  if (msg?.target !== 'offscreen' || msg.type !== 'typo:run') return false;
  load().then(
    (c) => {
      const started = performance.now();
      const hits = c.check(msg.texts, msg.terms);
      sendResponse({ ok: true, data: { hits, ms: performance.now() - started } });
    },
    (e: unknown) => sendResponse({ ok: false, error: errorText(e) }),
  );
  return true;
});
