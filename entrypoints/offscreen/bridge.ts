/**
 * The background's side of the offscreen language model: open the offscreen document once per
 * browser session and forward the content script's texts to it.
 */
import { browser } from 'wxt/browser';
import type { SuspectHit } from '../../utils/text/suspect/tiers';
import type { Reply } from '../../utils/messages';
import type { PageLink } from '../../utils/links/collect';

export interface OffscreenRequest {
  target: 'offscreen';
  type: 'typo:run';
  texts: string[];
  terms: string[];
}

/** 检查链接 on a roster home page: the worker has no DOMParser, this document has. */
export interface LinksParseRequest {
  target: 'offscreen';
  type: 'links:parse';
  html: string;
  url: string;
}

export interface TypoReply {
  hits: SuspectHit[][];
  /** Time the model took in the offscreen document (bench figure typoLmMs). */
  ms: number;
}

let opening: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = browser.runtime.getURL('/offscreen.html');
  const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType], documentUrls: [url] });
  if (contexts.length) return;
  opening ??= chrome.offscreen
    .createDocument({
      url,
      reasons: ['WORKERS' as chrome.offscreen.Reason, 'DOM_PARSER' as chrome.offscreen.Reason],
      justification: '在页面主线程之外运行离线语言模型（疑似错别字检查）；解析名单首页的链接（检查链接）',
    })
    .finally(() => {
      opening = null;
    });
  await opening;
}

export function checkTypos(texts: string[], terms: string[]): Promise<TypoReply> {
  return ask<TypoReply>({ target: 'offscreen', type: 'typo:run', texts, terms }, '离线语言模型没有响应');
}

/** The links of a home page fetched by the worker, read with the page action's own collector. */
export function parseLinks(html: string, url: string): Promise<LinksParsed> {
  return ask<LinksParsed>({ target: 'offscreen', type: 'links:parse', html, url }, '离线文档没有响应（无法读取首页链接）');
}

async function ask<T>(req: OffscreenRequest | LinksParseRequest, silent: string): Promise<T> {
  await ensureOffscreen();
  const reply = (await browser.runtime.sendMessage(req)) as Reply<T> | undefined;
  if (!reply) throw new Error(silent);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

export interface LinksParsed {
  title: string;
  links: PageLink[];
  total: number;
}
