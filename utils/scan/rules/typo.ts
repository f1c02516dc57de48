import type { Candidate, Rule, Severity } from '../types';
import { TEXT_BLOCKS, textBlocks } from '../text-blocks';
import type { TextClass } from '../../text/lexicon';
import { lexiconHitsOf } from '../text-checks';

/** At most this many marks per page: a page full of marks is a lexicon problem, not a page problem. */
const MAX_PER_PAGE = 20;

/** 国名、国家机构名称 written wrong is a 严重表述错误 (V1), not an ordinary typo. */
const SEVERITY_BY_CLASS: Partial<Record<TextClass, Severity>> = {
  机构名称: 'veto',
  '标点/格式': 'hint',
};

export const rule: Rule = {
  meta: {
    id: 'typo',
    title: '错别字',
    indicator: '国办秘函〔2019〕19号 扣分指标 内容建设（错别字）；严重表述错误属单项否决 V1',
    severity: 'deduct',
    category: '错别字',
    description: '标题和正文中出现常见错别字、不规范表述或标点误用（按内置词库逐条匹配，带上下文排除）。',
  },
  needs: [TEXT_BLOCKS],
  // Reads the background's lexicon hits (text-checks.ts) when it has them.
  late: true,
  check(page, ctx) {
    const out: Candidate[] = [];
    const seen = new Set<string>();
    for (const block of textBlocks(page)) {
      for (const hit of lexiconHitsOf(block.scan, ctx)) {
        const quote = block.text.slice(hit.start, hit.end);
        if (seen.has(quote)) continue;
        seen.add(quote);
        const e = hit.entry;
        out.push({
          message: `${block.kind === 'title' ? '标题' : '正文'}存在错别字：“${quote}”应为“${e.right}”（${e.why}）`,
          quote,
          element: block.element,
          severity: SEVERITY_BY_CLASS[e.cls],
          detail: { class: e.cls, wrong: e.wrong, right: e.right, where: block.kind },
        });
        if (out.length >= MAX_PER_PAGE) return out;
      }
    }
    return out;
  },
};
