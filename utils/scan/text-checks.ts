/**
 * Text checks the background answers for the content script, as it answers the typo model:
 * official-name's one-character slips (the gazetteer's index, about 0.1 s to build) and the
 * lexicon's hits (错别字 and 规范表述; parsing and compiling the lexicon took the typo rule some 15
 * ms of every page). A content script is fresh on every page and would build both cold; the
 * background's stay built. Tests, the eval and a failed ask compute them here from the context.
 */
import type { PageModel } from './page';
import type { ScanContext } from './types';
import { textBlocks } from './text-blocks';
import { findNearMisses, type NameData, type NearMiss } from '../text/near-miss';
import { lexiconFor, type Lexicon, type PlainHit } from '../text/lexicon';

export interface TextChecks {
  misses: NearMiss[][];
  typos: PlainHit[][];
}

export type AskTexts = (texts: string[]) => Promise<TextChecks>;

/** A page's text is sent whole up to this many characters (the message limit is above it). */
export const MAX_TEXT_CHARS = 1_000_000;

export function nearMissesOf(text: string, ctx: ScanContext): NearMiss[] {
  if (ctx.nearMisses) return ctx.nearMisses.get(text) ?? [];
  return ctx.names ? findNearMisses(text, ctx.names) : [];
}

/** The lexicon's hits in a block text: the background's answer, or found here. */
export function lexiconHitsOf(text: string, ctx: ScanContext): PlainHit[] {
  return ctx.lexiconHits?.get(text) ?? lexiconFor(ctx.lexicon).find(text);
}

/** The background's answer, text by text: the lexicon's entries go without their guards (regexes do not cross a message). */
export function checkTexts(texts: string[], lexicon: Lexicon, names: NameData): TextChecks {
  return {
    misses: texts.map((t) => findNearMisses(t, names)),
    typos: texts.map((t) => lexicon.find(t).map(({ start, end, entry: { wrong, right, why, cls } }) => ({ start, end, entry: { wrong, right, why, cls } }))),
  };
}

/** Every block's text, once each (the lexicon's punctuation entries match texts without Chinese too). */
export function textsToCheck(page: PageModel): string[] {
  const out = new Set<string>();
  let total = 0;
  for (const b of textBlocks(page)) {
    if (out.has(b.scan) || !b.scan.trim()) continue;
    // Past the limit the rest is found here, from the context.
    if (total + b.scan.length > MAX_TEXT_CHARS) return [];
    out.add(b.scan);
    total += b.scan.length;
  }
  return [...out];
}

export async function textChecksContext(page: PageModel, ask: AskTexts): Promise<Partial<ScanContext>> {
  const texts = textsToCheck(page);
  if (!texts.length) return {};
  const { misses, typos } = await ask(texts);
  if (!Array.isArray(misses) || misses.length !== texts.length || !Array.isArray(typos) || typos.length !== texts.length) return {};
  return {
    nearMisses: new Map(texts.map((t, i) => [t, Array.isArray(misses[i]) ? misses[i] : []])),
    lexiconHits: new Map(texts.map((t, i) => [t, Array.isArray(typos[i]) ? typos[i] : []])),
  };
}
