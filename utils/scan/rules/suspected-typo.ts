import type { Candidate, Rule } from '../types';
import { TEXT_BLOCKS, textBlocks } from '../text-blocks';
import { userExceptions } from '../../text/lexicon';
import { findLeaderMisspellings } from '../../text/leaders';
import { lexiconHitsOf, nearMissesOf } from '../text-checks';
import { SOURCE_LABEL } from '../../text/suspect/tiers';

/** A page with more suspects than this reads as a model problem, not a page problem. */
const MAX_PER_PAGE = 15;

/**
 * The language model's suspects arrive with the scan context (`ctx.typoSuspects`, keyed by the
 * block text the model read): the model lives in the offscreen document, never in the content
 * script, so this check only places what it found, after the precision guards that need the page.
 */
export const rule: Rule = {
  meta: {
    id: 'suspected-typo',
    title: '疑似错别字',
    indicator: '国办秘函〔2019〕19号 扣分指标 内容建设（错别字）',
    severity: 'deduct',
    category: '错别字',
    description:
      '正文中某个字换成同音、近音或形近字后，组成常用词且整句的词三元语言模型概率明显更高（如“编织”应为“编制”）。由离线语言模型推断，均为待核实：把握较大的标在页面上，其余只列在侧边栏“疑似”清单中。',
  },
  needs: [TEXT_BLOCKS],
  late: true,
  check(page, ctx) {
    const suspects = ctx.typoSuspects;
    if (!suspects) return [];
    const exceptions = userExceptions(ctx.lexicon);
    const out: Candidate[] = [];
    const seen = new Set<string>();
    for (const block of textBlocks(page)) {
      const hits = suspects.get(block.scan);
      if (!hits?.length) continue;
      // What the lexicon, the leader list and the official-name check mark is theirs: one error, one mark.
      const listed = [...lexiconHitsOf(block.scan, ctx), ...findLeaderMisspellings(block.scan), ...nearMissesOf(block.scan, ctx)];
      for (const h of hits) {
        if (listed.some((m) => m.start <= h.index && h.index < m.end)) continue;
        const quote = block.text.slice(h.wordStart, h.wordStart + h.word.length);
        if (quote.length !== h.word.length || seen.has(`${quote}>${h.word}`)) continue;
        const around = block.scan.slice(Math.max(0, h.wordStart - 16), h.wordStart + h.word.length + 16);
        if (exceptions.some((x) => x.includes(block.scan[h.index]) && around.includes(x))) continue;
        seen.add(`${quote}>${h.word}`);
        const sentence = sentenceAround(block.text, h.index);
        out.push({
          message: `${block.kind === 'title' ? '标题' : '正文'}疑似错别字：“${quote}”疑为“${h.word}”（${SOURCE_LABEL[h.source]}字“${h.wrong}”→“${h.right}”，语言模型推断，请核实）`,
          quote,
          element: block.element,
          review: true,
          detail: {
            tier: h.tier,
            wrong: h.wrong,
            right: h.right,
            word: h.word,
            source: h.source,
            gain: h.gain,
            sentence,
            where: block.kind,
          },
        });
        if (out.length >= MAX_PER_PAGE) return out;
      }
    }
    return out;
  },
};

/** The sentence holding offset `at`, for the 疑似 list (at most 80 characters). */
function sentenceAround(text: string, at: number): string {
  let a = at;
  while (a > 0 && !/[。！？；\n]/.test(text[a - 1]) && at - a < 60) a--;
  let b = at;
  while (b < text.length && !/[。！？；\n]/.test(text[b]) && b - at < 60) b++;
  return text.slice(a, Math.min(b + 1, text.length, a + 80));
}
