import type { Candidate, Rule } from '../types';
import { TEXT_BLOCKS, textBlocks } from '../text-blocks';
import { lexiconHitsOf, nearMissesOf } from '../text-checks';
import { userExceptions } from '../../text/lexicon';
import { findLeaderMisspellings } from '../../text/leaders';

/** A page with more slips than this is a gazetteer problem, not a page problem. */
const MAX_PER_PAGE = 10;

export const rule: Rule = {
  meta: {
    id: 'official-name',
    title: '机构名称、规范表述错写',
    indicator: '国办秘函〔2019〕19号 单项否决 V1 严重表述错误（国名、国家机构名称写错）',
    severity: 'veto',
    category: '规范表述',
    description:
      '国名、机构名称、行政区划、法规名称和公文固定表述中一个字被写成同音字或形近字（如“人民正府”“意识行态”）。由名称库推断而非逐条收录，故标为待核实，请人工确认；名称写错属单项否决，固定表述写错按错别字扣分。',
  },
  needs: [TEXT_BLOCKS],
  late: true,
  check(page, ctx) {
    if (!ctx.names && !ctx.nearMisses) return [];
    const exceptions = userExceptions(ctx.lexicon);
    const out: Candidate[] = [];
    const seen = new Set<string>();
    for (const block of textBlocks(page)) {
      const misses = nearMissesOf(block.scan, ctx);
      if (misses.length === 0) continue;
      // A slip the lexicon or the leader list already names is theirs to mark: one error, one mark.
      const listed = [...lexiconHitsOf(block.scan, ctx), ...findLeaderMisspellings(block.scan)];
      for (const m of misses) {
        const at = m.start + m.at;
        if (listed.some((h) => h.start <= at && at < h.end)) continue;
        const quote = block.text.slice(m.start, m.end);
        if (seen.has(quote)) continue;
        seen.add(quote);
        // The inspector's exceptions (设置) silence a name as they silence a lexicon entry.
        const around = block.scan.slice(Math.max(0, m.start - 16), m.end + 16);
        if (exceptions.some((x) => x.includes(quote) && around.includes(x))) continue;
        out.push({
          message: `${block.kind === 'title' ? '标题' : '正文'}中${m.phrase ? '规范表述' : '名称'}疑似错写：“${quote}”应为“${m.name}”（“${quote[m.at]}”应为“${m.name[m.at]}”）`,
          quote,
          element: block.element,
          review: true,
          // A slip in a name is a 严重表述错误; in a set expression it is an ordinary 错别字.
          severity: m.phrase ? 'deduct' : undefined,
          detail: { class: m.phrase ? '一般错别字' : '机构名称', wrong: quote, right: m.name, where: block.kind },
        });
        if (out.length >= MAX_PER_PAGE) return out;
      }
    }
    return out;
  },
};
