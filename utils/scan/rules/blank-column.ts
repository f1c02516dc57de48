import { COLUMNS, columnsOf } from '../columns';
import type { Candidate, Rule } from '../types';

/**
 * 空白栏目 (V4 第3项): a column with no entries, or only 暂无信息 / 正在建设中 /
 * 敬请期待 placeholders. A list that is merely empty (no placeholder) may be
 * filled by script or lazily, so it is 待核实 rather than a finding.
 */
export const rule: Rule = {
  meta: {
    id: 'blank-column',
    title: '空白栏目',
    indicator: '国办秘函〔2019〕19号 单项否决 V4 栏目不更新（空白栏目累计5个及以上）',
    severity: 'deduct',
    category: '内容更新',
    description: '栏目没有任何信息，或只显示“暂无信息”“正在建设中”“敬请期待”等占位文字。',
  },
  needs: [COLUMNS],
  check(page, ctx) {
    const out: Candidate[] = [];
    for (const c of columnsOf(page, ctx)) {
      if (!c.blank) continue;
      const detail = { column: c.name, placeholder: c.placeholder ?? null, href: c.href };
      if (c.placeholder) {
        out.push({
          message: `栏目“${c.name}”为空白栏目（仅显示“${c.placeholder}”）`,
          quote: c.placeholder,
          element: c.element,
          detail,
        });
      } else {
        const name = c.heading && (c.heading.textContent || '').includes(c.name);
        out.push({
          message: `栏目“${c.name}”未显示任何信息，疑似空白栏目，请核实`,
          quote: name ? c.name : null,
          element: name ? c.heading : c.element,
          review: true,
          detail,
        });
      }
    }
    return out;
  },
};
