import type { Candidate, Rule } from '../types';
import { TEXT_BLOCKS, textBlocks } from '../text-blocks';

/**
 * 发文字号: 机关代字 + 〔年份〕 + 序号 + 号 (GB/T 9704-2012 §7.2.5). Square, lenticular, round
 * and look-alike brackets around the year are the common slips. Court case numbers
 * （2023）京01民终1号 put letters after the bracket and are left alone.
 */
const DOC_NO = /([\u4e00-\u9fa5]{1,6})\s?([\[［【(（﹝〈〔<])\s?((?:19|20)\d{2})\s?([\]］】)）﹞〉〕>])\s?(\d{1,5})\s?号/g;

const MAX_PER_PAGE = 10;

/** Words that come before a 文号 in a sentence but are not part of the 机关代字. */
const LEAD = /(?:根据|依据|按照|参照|依照|执行|贯彻|落实|印发|转发|关于|以及|和|及|与|见|的)/g;

function agencyCode(prefix: string): string {
  let cut = 0;
  for (const m of prefix.matchAll(LEAD)) cut = (m.index ?? 0) + m[0].length;
  return prefix.slice(cut) || prefix;
}

export function badDocNumbers(text: string): { quote: string; index: number; year: string; fixed: string }[] {
  const out: { quote: string; index: number; year: string; fixed: string }[] = [];
  for (const m of text.matchAll(DOC_NO)) {
    if (m[2] === '〔' && m[4] === '〕') continue;
    const code = agencyCode(m[1]);
    const skip = m[1].length - code.length;
    out.push({ quote: m[0].slice(skip), index: (m.index ?? 0) + skip, year: m[3], fixed: `${code}〔${m[3]}〕${m[5]}号` });
  }
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'doc-number-brackets',
    title: '文号年份括号不规范',
    indicator: 'GB/T 9704-2012《党政机关公文格式》7.2.5 发文字号（年份用六角括号〔〕）',
    severity: 'hint',
    category: '规范表述',
    description: '发文字号中的年份应使用六角括号“〔〕”，不应使用[]、【】、()、（）或形近的﹝﹞。',
  },
  needs: [TEXT_BLOCKS],
  check(page) {
    const out: Candidate[] = [];
    const seen = new Set<string>();
    for (const block of textBlocks(page)) {
      for (const d of badDocNumbers(block.text)) {
        if (seen.has(d.quote)) continue;
        seen.add(d.quote);
        out.push({
          message: `文号“${d.quote}”年份括号不规范，应为“${d.fixed}”`,
          quote: d.quote,
          element: block.element,
          detail: { year: d.year, fixed: d.fixed },
        });
        if (out.length >= MAX_PER_PAGE) return out;
      }
    }
    return out;
  },
};
