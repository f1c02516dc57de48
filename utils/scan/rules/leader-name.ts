import type { Candidate, Rule } from '../types';
import { TEXT_BLOCKS, textBlocks } from '../text-blocks';
import { findLeaderMisspellings } from '../../text/leaders';

export const rule: Rule = {
  meta: {
    id: 'leader-name',
    title: '国家领导人姓名错误',
    indicator: '国办秘函〔2019〕19号 单项否决 V1 严重表述错误（党和国家领导人姓名写错）',
    severity: 'veto',
    category: '规范表述',
    description: '标题和正文中党和国家领导人姓名的常见误写（同音、形近字）；可能是他人姓名的写法只在紧挨职务称谓时报告。',
  },
  needs: [TEXT_BLOCKS],
  check(page) {
    const out: Candidate[] = [];
    const seen = new Set<string>();
    for (const block of textBlocks(page)) {
      for (const hit of findLeaderMisspellings(block.scan)) {
        const quote = block.text.slice(hit.start, hit.end);
        if (seen.has(quote)) continue;
        seen.add(quote);
        out.push({
          message: `${block.kind === 'title' ? '标题' : '正文'}中国家领导人姓名错误：“${quote}”应为“${hit.v.name}”（严重表述错误）`,
          quote,
          element: block.element,
          detail: { class: '国家领导人', wrong: hit.v.variant, right: hit.v.name, inContext: hit.inContext },
        });
      }
    }
    return out;
  },
};
