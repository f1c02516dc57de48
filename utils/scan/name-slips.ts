/**
 * Where official-name's one-character slips come from. In the content script the background finds
 * them (`nearMissContext`, asked through an injected function, like the typo model): its gazetteer
 * index stays built across pages, while a content script would build it cold on every page (about
 * 0.1 s). Tests, the eval and a failed ask find them here from `ctx.names`.
 */
import type { PageModel } from './page';
import type { ScanContext } from './types';
import { textBlocks } from './text-blocks';
import { findNearMisses, type NearMiss } from '../text/near-miss';

export type AskNames = (texts: string[]) => Promise<{ misses: NearMiss[][] }>;

/** A page's text is sent whole up to this many characters (the message limit is above it). */
export const MAX_NAME_CHARS = 1_000_000;

export function nearMissesOf(text: string, ctx: ScanContext): NearMiss[] {
  if (ctx.nearMisses) return ctx.nearMisses.get(text) ?? [];
  return ctx.names ? findNearMisses(text, ctx.names) : [];
}

/** Every block with two Chinese characters in a row, once each. */
export function textsForNames(page: PageModel): string[] {
  const out = new Set<string>();
  let total = 0;
  for (const b of textBlocks(page)) {
    if (out.has(b.scan) || !/[\u4e00-\u9fff]{2}/.test(b.scan)) continue;
    // Past the limit the rest is found here, from ctx.names.
    if (total + b.scan.length > MAX_NAME_CHARS) return [];
    out.add(b.scan);
    total += b.scan.length;
  }
  return [...out];
}

export async function nearMissContext(page: PageModel, ask: AskNames): Promise<Partial<ScanContext>> {
  const texts = textsForNames(page);
  if (!texts.length) return {};
  const { misses } = await ask(texts);
  if (!Array.isArray(misses) || misses.length !== texts.length) return {};
  return { nearMisses: new Map(texts.map((t, i) => [t, Array.isArray(misses[i]) ? misses[i] : []])) };
}
