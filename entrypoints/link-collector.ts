import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { collectLinks } from '../utils/links/collect';

/**
 * Injected on demand (检查链接) into the top frame of the inspected tab, in the extension's
 * isolated world: reads the page's links and returns them; changes nothing in the page.
 */
export default defineUnlistedScript(() => {
  const { links, total } = collectLinks(document, location.href);
  return { url: location.href, title: document.title, links, total };
});
