/**
 * Content-script side of the suspected-typo check: which texts go to the offscreen model, and how
 * its answer becomes `ctx.typoSuspects`. The model is asked through an injected function, so this
 * stays pure and testable; a model that fails or is slow costs the scan nothing but this rule.
 */
import type { PageModel } from './page';
import type { ScanContext } from './types';
import { textBlocks } from './text-blocks';
import { userExceptions } from '../text/lexicon';
import { MAX_CHECK_CHARS, type SuspectHit } from '../text/suspect/tiers';

export type AskModel = (texts: string[], terms: string[]) => Promise<{ hits: SuspectHit[][] }>;

/** The first load of the 17 MB model takes a moment; after that a page takes well under a second. */
const TIMEOUT_MS = 12_000;

/** Title and main-content paragraphs with Chinese in them, once each, bounded in total length. */
export function textsForModel(page: PageModel): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const b of textBlocks(page)) {
    if (seen.has(b.scan) || !/[\u4e00-\u9fff]{2}/.test(b.scan)) continue;
    if (total + b.scan.length > MAX_CHECK_CHARS) break;
    seen.add(b.scan);
    out.push(b.scan);
    total += b.scan.length;
  }
  return out;
}

export async function typoContext(page: PageModel, ctx: ScanContext, ask: AskModel): Promise<Partial<ScanContext>> {
  const texts = textsForModel(page);
  if (!texts.length) return {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('离线语言模型超时')), TIMEOUT_MS);
    });
    const { hits } = await Promise.race([ask(texts, [...userExceptions(ctx.lexicon), ...(ctx.rosterTerms ?? [])]), timeout]);
    return { typoSuspects: new Map(texts.map((t, i) => [t, Array.isArray(hits[i]) ? hits[i] : []])) };
  } catch {
    return {};
  } finally {
    clearTimeout(timer);
  }
}
