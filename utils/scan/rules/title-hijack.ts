import type { Candidate, Rule } from '../types';
import { TEXT } from '../page';

/**
 * Spam lexicon for tampering checks (暗链, 标题劫持). High precision over recall:
 * STRONG words have no business on a government page; WEAK words only count next
 * to a strong one (体育彩票管理中心 has 体育 + 彩票 and must never fire), and any
 * crackdown framing (打击网络赌博, 扫黄打非) silences the whole text.
 */
const STRONG = [
  // gambling
  '百家乐', '娱乐城', '真人荷官', '太阳城', '新葡京', '葡京娱乐', '威尼斯人娱乐', '澳门赌场', '网上赌场', '在线赌场', '博彩网', '博彩公司',
  '博彩平台', '时时彩', 'pk10', '幸运飞艇', '六合彩开奖', '香港六合彩', '六合宝典', '一肖一码', '皇冠体育', '皇冠新2', '沙巴体育',
  '亚博体育', '开元棋牌', '棋牌游戏平台', '赌球', '足球投注', '体育投注', '网上投注', '投注平台', '注册送', '开户送', '首存', '彩金',
  'bet365', '188bet', '12bet', '老虎机', '电子游艺', '金沙娱乐', '银河娱乐', '永利娱乐', '澳门金沙', '博狗', '炸金花', '真钱',
  // porn
  '毛片', '三级片', '国产精品', '无码', '一本道', 'av在线', 'av天堂', 'av网站', '成人视频', '成人电影', '成人网站', '黄色网站',
  '黄色视频', '污视频', '福利视频', '自拍偷拍', '激情视频', '裸聊', '约炮', '伦理片', '草榴', '91porn', 'pornhub', 'xvideos',
  '日本av', '欧美av', '亚洲av', '黄片', '乱伦', '人妻', '爆乳', '巨乳',
  // black-market spam
  '代孕', '刻章办证', '代开发票', '发票代开', '办假证', '私家侦探', '枪支出售', '迷情药', '春药', '伟哥',
];
const WEAK = [
  '博彩', '赌场', '彩票', '投注', '下注', '赌博', '棋牌', '体育', '娱乐', '真人', '电子游戏', '开户', '官网', '澳门', '视频', '在线',
  '免费', '高清', '成人', '色情', '国产', '日韩', '欧美', '亚洲', '三级', '美女', '福利', 'av', '网址', '手机版', '下载', '一级',
];
const CONTEXT = /打击|整治|严厉|专项|查处|破获|治理|抓获|取缔|警惕|防范|举报|涉嫌|犯罪|违法|非法|案件|判处|扫黄|打非|禁毒|反诈|诈骗|公安|警方|法院|检察|宣传|提醒|谨防/;

export interface SpamScore {
  strong: string[];
  weak: string[];
  /** Crackdown / warning framing found: the words are reported, not advertised. */
  context: boolean;
}

/** Distinct lexicon hits in a text (ASCII case-insensitive). */
export function spamScore(text: string): SpamScore {
  const t = text.toLowerCase();
  const strong = STRONG.filter((w) => t.includes(w));
  // A weak word inside a strong one (投注 in 足球投注) is not extra evidence.
  const weak = WEAK.filter((w) => t.includes(w) && !strong.some((s) => s.includes(w))).filter((w) =>
    w === 'av' ? /(^|[^a-z])av([^a-z]|$)/.test(t) : true,
  );
  return { strong, weak, context: CONTEXT.test(text) };
}

/** Whether any strong spam word occurs in the text at all: lets link checks skip clean pages fast. */
export function hasStrongSpam(text: string): boolean {
  const t = text.toLowerCase();
  return STRONG.some((w) => t.includes(w));
}

/** Spam beyond doubt: two strong words, or one strong word with two weak ones, and no crackdown framing. */
export function isSpam(s: SpamScore): boolean {
  if (s.context) return false;
  return s.strong.length >= 2 || (s.strong.length >= 1 && s.weak.length >= 2);
}

/** Undo the escapes injected scripts hide behind (%uXXXX, \uXXXX, &#NNNN;). */
export function unescapeScript(s: string): string {
  return s
    .replace(/%u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#x([0-9a-f]{2,5});/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&#(\d{2,6});/g, (_, d: string) => String.fromCharCode(Number(d)));
}

const HIJACK_SCRIPT = /document\.title\s*=|document\.write|innerHTML\s*=/;

export const rule: Rule = {
  meta: {
    id: 'title-hijack',
    title: '页面标题或关键词被篡改（涉赌涉黄）',
    indicator: '国办秘函〔2019〕19号 单项否决 V1 安全、泄密事故等严重问题（内容被篡改、发布或链接色情等内容）',
    severity: 'veto',
    category: '安全防护',
    description: '<title>、meta keywords/description 或页面内联脚本写入的标题含多个赌博、色情、违法广告词（标题劫持/黑帽SEO）。',
  },
  needs: [TEXT],
  check(page) {
    const out: Candidate[] = [];
    const fields: [string, string | null][] = [
      ['网页标题<title>', page.title],
      ['meta keywords', page.meta('keywords')],
      ['meta description', page.meta('description')],
    ];
    for (const [field, value] of fields) {
      if (!value) continue;
      const s = spamScore(value);
      if (!isSpam(s)) continue;
      out.push({
        message: `${field}含涉赌涉黄词语（${s.strong.slice(0, 4).join('、')}），疑似被篡改`,
        quote: null,
        detail: { field, value: value.slice(0, 300), strong: s.strong.join('、'), weak: s.weak.join('、') },
      });
    }
    // Hijack scripts rewrite the title for visitors only, so the saved source shows it escaped.
    for (const script of Array.from(page.doc.querySelectorAll('script:not([src])'))) {
      const raw = script.textContent || '';
      if (raw.length > 200_000 || !HIJACK_SCRIPT.test(raw)) continue;
      const decoded = unescapeScript(raw);
      const s = spamScore(decoded);
      if (!isSpam(s)) continue;
      out.push({
        message: `页面脚本写入涉赌涉黄内容（${s.strong.slice(0, 4).join('、')}），疑似被篡改`,
        quote: null,
        detail: { field: '内联脚本', value: decoded.replace(/\s+/g, ' ').slice(0, 300), strong: s.strong.join('、'), weak: s.weak.join('、') },
      });
      break;
    }
    return out;
  },
};
