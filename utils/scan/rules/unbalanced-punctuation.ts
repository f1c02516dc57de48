import type { Candidate, Rule } from '../types';
import { TEXT_BLOCKS, textBlocks } from '../text-blocks';
import { doubled, unpaired } from '../../text/punctuation';

const MAX_PER_PAGE = 10;

export const rule: Rule = {
  meta: {
    id: 'unbalanced-punctuation',
    title: '标点不成对或字词重复',
    indicator: '国办秘函〔2019〕19号 扣分指标 内容建设（错别字、标点）；GB/T 15834-2011《标点符号用法》',
    severity: 'hint',
    category: '错别字',
    description: '同一段落中书名号、引号、括号不成对，或误写重复的“的的”“了了”。',
  },
  needs: [TEXT_BLOCKS],
  check(page) {
    const blocks = textBlocks(page);
    const out: Candidate[] = [];
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      const next = blocks[b + 1]?.kind === block.kind ? blocks[b + 1].text : undefined;
      for (const issue of [...unpaired(block.text, next), ...doubled(block.text)]) {
        out.push({
          message:
            issue.kind === 'unpaired'
              ? `${block.kind === 'title' ? '标题' : '正文'}中“${issue.char}”没有配对的符号：“${issue.quote}”`
              : `${block.kind === 'title' ? '标题' : '正文'}中“${issue.char}${issue.char}”重复：“${issue.quote}”`,
          quote: issue.quote,
          element: block.element,
          detail: { kind: issue.kind, char: issue.char },
        });
        if (out.length >= MAX_PER_PAGE) return out;
      }
    }
    return out;
  },
};
