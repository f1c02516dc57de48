// The bundled demo site: one county portal with the problems inspectors meet most often.
export const DEMO_HOST = 'www.sfx.gov.cn';
export const DEMO_PAGES = [
  { path: '/', what: '首页（要闻动态、通知公告、政策文件、空白栏目）' },
  { path: '/col/ywdt/', what: '要闻动态列表' },
  { path: '/col/tzgg/', what: '通知公告列表（半年未更新）' },
  { path: '/col/xczx/', what: '空白栏目' },
  { path: '/art/typo.html', what: '含错别字的文章' },
  { path: '/xxgk/nobadge.html', what: '页面底部缺少党政机关网站标识' },
];

/**
 * Wait until the content script has finished scanning the page or frame (its overlay says so; the
 * overlay is reachable in the inspectable copy of the build that scripts/lib/browser.mjs loads).
 */
export async function waitForScan(page, timeout = 20_000) {
  await page.locator('gsi-overlay .gsi-layer[data-state="done"], gsi-overlay .gsi-layer[data-state="failed"]').first().waitFor({ state: 'attached', timeout });
}
