/**
 * Precision guards of the suspected-typo check: characters where a language-model swap is not
 * to be trusted, because the text there is a name, a title, a code or a term the model is too old
 * to know. A guarded character is never a suspect. Pure; the term lists live with the model
 * (offscreen document), never in the content script.
 */
import { buildMatcher, type Matcher } from '../matcher';

/** Honorifics written after a person's name (张三同志, 郦波教授). */
const AFTER_NAME = /同志|教授|先生|女士|院士|研究员|博士|老师|律师|医生|记者|副教授|讲师|主任医师|工程师|烈士/g;
/** Titles written before a person's name (书记左宪安, 主任高雨). */
const BEFORE_NAME = /(?:书记|主任|局长|县长|市长|省长|区长|乡长|镇长|村长|院长|校长|部长|厅长|处长|科长|主席|经理|董事长|秘书长|组长|队长|站长|所长|馆长|庭长|检察长|理事长|会长|社长|行长|委员|代表|教授|记者|通讯员|作者|主讲人|联系人|负责人|发言人|著作）|（著作）)/g;
/** Low-level place suffixes: the names before them are the ones a 2015 model never saw. */
const PLACE_SUFFIX = /镇|乡|村|街道|社区|居委会|居民区|嘎查|苏木|屯|寨|组/g;
/** Characters that, before a place suffix, make an ordinary word (农村, 城乡, 小组), not a name. */
const NOT_PLACE: Record<string, string> = { 镇: '城乡村集重', 乡: '城下回家老故返同异他', 村: '农乡新本全各该进驻邻渔山', 组: '小作家改重分编机班各每专题', 屯: '', 寨: '山', 苏木: '' };
/** Higher-level divisions that open a place name (…县洪家镇, …区马荃镇). */
const DIVISION = /[省市县区州旗盟镇乡]/;
/** Organisation suffixes: the brand part before them is a name (佳惠百货, 平庄煤业). */
const ORG_SUFFIX = /科(?=主任|主治|医师|医生|医院|室)|开发局|有限公司|股份公司|公司|集团|合作社|医院|卫生院|学校|大学|学院|中学|小学|幼儿园|银行|协会|商会|研究院|研究所|事务所|酒店|宾馆|超市|百货|煤业|矿业|实业|置业|厂|门诊部|诊所|药店|农场|林场|牧场|数码|型材|置地|酒业/g;
/** Characters a person or place name may be made of, in a window before a suffix. */
const HAN = /[\u4e00-\u9fff]/;
/** The hundred commonest surnames: a run before “的 + a person's noun” that opens with one is a name. */
const SURNAME = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
/** “X的Y” where Y belongs to a person (王东煜的父亲, 在李文华的带领下): X is a person's name. */
const PERSON_OF = /的(?:父亲|母亲|妻子|丈夫|儿子|女儿|孩子|家人|家属|家中|家里|亲属|事迹|故事|故居|一生|生平|遗愿|讲话|发言|带领|帮助|陪同|指导|号召|倡议|作品|诗|书法|画作)/g;
/** “X之Y” naming a place, a column or an event (赣南之窗, 黄河之滨, 鹭岛之夜): X is a name. */
const NAME_OF = /之(?:窗|声|春|夏|秋|冬|旅|韵|光|星|魂|约|都|乡|源|滨|畔|巅|门|夜|歌|梦)(?![\u4e00-\u9fff]{0,1}(?:的|中|里))/g;

export interface GuardTerms {
  /** Official names and expressions, new terms: correct as written. */
  terms: readonly string[];
}

export interface Guards {
  /** 1 where a character must not be a suspect; `extraTerms`: the inspector's own new terms. */
  mask(text: string, extraTerms?: readonly string[]): Uint8Array;
}

export function createGuards(data: GuardTerms): Guards {
  let matcher: Matcher | null = null;
  const extraMatchers = new Map<string, Matcher>();

  return {
    mask(text, extraTerms = []) {
      const out = new Uint8Array(text.length);
      const protect = (a: number, b: number) => out.fill(1, Math.max(0, a), Math.min(text.length, b));
      matcher ??= buildMatcher(data.terms);
      matcher.forEach(text, (a, b) => protect(a, b));
      if (extraTerms.length) {
        const key = extraTerms.join('\n');
        let m = extraMatchers.get(key);
        if (!m) {
          m = buildMatcher(extraTerms);
          extraMatchers.clear();
          extraMatchers.set(key, m);
        }
        m.forEach(text, (a, b) => protect(a, b));
      }
      // Titles of documents and books are quoted as issued.
      for (const m of text.matchAll(/《[^《》]{1,80}》/g)) protect(m.index!, m.index! + m[0].length);
      // Short quoted coinages (“凡转必审”) are deliberate.
      for (const m of text.matchAll(/[“"‘]([\u4e00-\u9fff]{2,8})[”"’]/g)) protect(m.index!, m.index! + m[0].length);
      // 文号: the issuing organ's abbreviation before 〔2019〕 (冀政呈〔2019〕).
      for (const m of text.matchAll(/[\u4e00-\u9fff]{1,6}(?=[〔［[（(]\s*(?:19|20)\d\d)/g)) protect(m.index!, m.index! + m[0].length);
      // 县（市、区）: a list of division levels, not a word.
      for (const m of text.matchAll(/[\u4e00-\u9fff](?=[（(][市区县旗乡镇、]+[）)])/g)) protect(m.index!, m.index! + 1);
      // Lists of names (王东煜 何宗海 刘溪丹): three or more short runs between spaces.
      const listed = [...text.matchAll(/(?<=^|\s)[\u4e00-\u9fff]{2,4}(?=$|\s)/g)];
      if (listed.length >= 3) for (const m of listed) protect(m.index!, m.index! + m[0].length);
      // A table cell of a few characters is a name or a label, with no sentence around it to judge.
      if (/^\s*[\u4e00-\u9fff]{2,4}\s*$/.test(text)) protect(0, text.length);
      // 行政处罚: “对彭某某警告并罚款”, “给予张某某…处分”.
      for (const m of text.matchAll(/(?<=对|给予|责令)[\u4e00-\u9fff]{2,3}(?=警告|罚款|处以|给予|作出|予以|记过|记大过|降级|撤职|开除|通报批评|诫勉)/g)) protect(m.index!, m.index! + m[0].length);
      // Person names next to an honorific or a title.
      for (const m of text.matchAll(AFTER_NAME)) protect(m.index! - 3, m.index!);
      for (const m of text.matchAll(BEFORE_NAME)) {
        const end = m.index! + m[0].length;
        let k = end;
        while (k < text.length && k < end + 3 && HAN.test(text[k])) k++;
        // 书记处, 主任委员会: a word goes on; a name stops at punctuation or a verb of office.
        if (k === end + 3 && k < text.length && HAN.test(text[k]) && !/^(?:同志|担任|任|为|在|说|指出|表示|强调)/.test(text.slice(k))) continue;
        protect(end, k);
      }
      // Place names before a low-level suffix (马荃镇, 马咀村, 虹叶居民区).
      for (const m of text.matchAll(PLACE_SUFFIX)) {
        const at = m.index!;
        if (at > 0 && NOT_PLACE[m[0]]?.includes(text[at - 1])) continue;
        let k = at;
        while (k > 0 && k > at - 4 && HAN.test(text[k - 1]) && !DIVISION.test(text[k - 1])) k--;
        // The suffix too: 扎日乡 is not 扎日向.
        if (k < at) protect(k, at + m[0].length);
      }
      // 的/之 patterns: the noun after them says the run before is a person's or a place's name.
      for (const m of text.matchAll(PERSON_OF)) {
        const at = m.index!;
        const k = [3, 2].find((n) => at - n >= 0 && SURNAME.includes(text[at - n]) && [...text.slice(at - n, at)].every((c) => HAN.test(c)));
        if (k) protect(at - k, at);
      }
      for (const m of text.matchAll(NAME_OF)) {
        const at = m.index!;
        let k = at;
        while (k > 0 && k > at - 3 && HAN.test(text[k - 1])) k--;
        if (at - k >= 2) protect(k, at + m[0].length);
      }
      // Organisation brand names (佳惠百货, 平庄煤业).
      for (const m of text.matchAll(ORG_SUFFIX)) {
        const at = m.index!;
        let k = at;
        while (k > 0 && k > at - 4 && HAN.test(text[k - 1]) && !DIVISION.test(text[k - 1])) k--;
        protect(k, at);
      }
      return out;
    },
  };
}

/** Suffixes of roster entries (网站名称, 主办单位, 县(市)、部门) that are not part of the name itself. */
const ROSTER_SUFFIX = /(?:人民政府|人民政府办公室|人民政府办公厅|政府|门户网站|政府网站|政府网|官方网站|网站|官网|门户|办公室|办公厅|微信公众号|公众号|微博|抖音号?|头条号)$/;
/** At most this many roster terms travel with one model request. */
const MAX_ROSTER_TERMS = 5000;

/**
 * The roster's names as never-flagged terms: each entry as written, and its name stem (寻乌县人民政府门户网站
 * → 寻乌县人民政府, 寻乌县, 寻乌), since pages name neighbouring sites and units in every form. A county
 * or district name is just what a 2015 model has not seen (鄠邑区).
 */
export function rosterTerms(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    for (let part of name.split(/[\s、，,/|（）()]+/)) {
      for (let round = 0; round < 6 && /^[\u4e00-\u9fff]{2,100}$/.test(part); round++) {
        out.add(part);
        const next = part.replace(ROSTER_SUFFIX, '');
        if (next !== part) part = next;
        // 寻乌县 → 寻乌: the division letter goes last, and only off a stem of two or more.
        else if (part.length >= 3 && DIVISION.test(part.at(-1)!)) part = part.slice(0, -1);
        else break;
      }
      if (out.size >= MAX_ROSTER_TERMS) return [...out];
    }
  }
  return [...out];
}
