import { analysis, type PageModel } from './page';
import { blocksOf, type TextBlock } from '../text/blocks';
import { t2sOf } from '../text/t2s';

/** 留言 / 信箱 pages quote citizens verbatim: their typos are not the site's. */
const INTERACTION = /留言|信箱|来信|咨询|投诉|问政|网民|12345|互动|诉求/;

/** Title + main-content blocks of a page, once per page; Traditional pages normalised for matching. */
export const TEXT_BLOCKS = analysis('text.blocks', (page): TextBlock[] => {
  const raw: { text: string; element: Element | null; kind: 'title' | 'main' }[] = [];
  const title = page.title.replace(/\s+/g, ' ').trim();
  if (title) raw.push({ text: title, element: null, kind: 'title' });
  const main = page.main;
  const interaction = INTERACTION.test(title) || INTERACTION.test(page.url.pathname);
  if (!interaction && main.text.trim()) {
    if (main.root) {
      for (const b of blocksOf(main.root)) raw.push({ ...b, kind: 'main' });
    } else {
      for (const line of main.text.split(/\n+/)) {
        const text = line.replace(/\s+/g, ' ').trim();
        if (text) raw.push({ text, element: null, kind: 'main' });
      }
    }
  }
  // isTraditional reads the first 4,000 characters: gather that much, not the whole page.
  let sample = '';
  for (const b of raw) {
    if (sample.length >= 4000) break;
    sample += b.text + '\n';
  }
  const t2s = page.t2s ? t2sOf(page.t2s) : null;
  const trad = t2s?.isTraditional(sample) ? t2s : null;
  return raw.map((b) => ({ ...b, scan: trad ? trad.toSimplified(b.text) : b.text }));
});

/** The wording rules' text of a page (see TextBlock). */
export function textBlocks(page: PageModel): TextBlock[] {
  return page.get(TEXT_BLOCKS);
}
