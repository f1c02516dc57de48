import { MAX_LINKS } from './collect';

/**
 * How politely 检查链接 asks (the page action and the roster run alike): requests at once, rest
 * between two starts on one host, time per request and per run, links per page, and how much
 * of a roster home page is read. Shared by the worker and the text the dashboard shows.
 */
export const LINK_LIMITS = {
  concurrency: 4,
  perHostGapMs: 500,
  timeoutMs: 15_000,
  runMs: 10 * 60_000,
  linksPerPage: MAX_LINKS,
  homePageBytes: 2 * 1024 * 1024,
} as const;

export function limitsText(): string {
  const l = LINK_LIMITS;
  return `同一网站每 ${l.perHostGapMs / 1000} 秒最多发起 1 个请求，同时最多 ${l.concurrency} 个；每页最多检查 ${l.linksPerPage} 个链接，单个请求 ${l.timeoutMs / 1000} 秒无响应即失败，每次最长 ${l.runMs / 60_000} 分钟`;
}
