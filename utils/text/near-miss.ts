/**
 * Names and set expressions written with one wrong character (人民正府, 市场监督管里局, 意识行态):
 * 国名、机构名称 written wrong are 严重表述错误, and a lexicon of known misspellings cannot list every
 * slip of every name.
 *
 * A window of the page text is reported when it differs from a gazetteer entry (NameData: names and
 * expressions) in exactly one character, and only when that slip is the kind an input method makes:
 * the two characters share a reading (pinyin without tones) or are listed look-alikes. Precision
 * first, so:
 * - never at an entry's last character, where the "slip" is usually the next word
 *   (自然资源部 / 自然资源不足, 工业和信息化部 / 工业和信息化不断, 政务服务中心 / 政务服务中新增),
 *   and at the first only in entries of EDGE_MIN characters or more;
 * - never where the character stands inside a correctly written entry, the window itself included
 *   (市委书记 / 县委书记, 检察委员会 / 纪律检查委员会).
 * Finding candidates is exact matching: a one-character slip leaves one half of the entry intact,
 * so the halves go into the Aho–Corasick matcher and each hit is checked against its entries.
 */
import { buildMatcher, type Matcher } from './matcher';
import { runSync, type Steps } from '../steps';

/** The gazetteer and the readings table (near-miss-data.ts loads them from their JSON files). */
export interface NameData {
  /** 国名、机构名称、行政区划、法规名称: a slip is a 严重表述错误. */
  names: string[];
  /** Fixed expressions of official writing (贯彻落实, 营商环境): a slip is an ordinary 错别字. */
  phrases: string[];
  /** Syllable (pinyin without tones) → the characters read so. */
  pinyin: Record<string, string>;
  /**
   * Traditional→Simplified pairs (t2s-pairs.ts), for Traditional pages. Travels with the names
   * for the same reason (the content script stays small); without it no page is normalised.
   */
  t2s?: string;
}

export interface NearMiss {
  start: number;
  end: number;
  /** The name or expression as it should be written. */
  name: string;
  /** From the expressions list rather than the names. */
  phrase: boolean;
  /** Offset of the wrong character in the window. */
  at: number;
}

/** Look-alike characters that are also common slips (形近字), one group per string. */
const LOOK_ALIKES = ['己已巳', '戊戌戍', '未末', '拨拔', '侯候', '即既', '辨辩辫瓣', '赢嬴', '冶治', '汩汨', '刺剌', '曰日', '折拆', '怠殆', '崇祟', '盲肓', '栗粟', '蓝篮', '衷哀衰', '贷货', '券卷', '徒徙', '壁璧', '泻泄', '侍待', '籍藉', '祗祇', '炙灸', '茶荼'];

interface Index {
  matcher: Matcher;
  /** The whole entries, to know which characters already stand in a correctly written one. */
  whole: Matcher;
  /** Per half pattern: the entries it comes from and whether it is their left half. */
  owners: { name: string; left: boolean }[][];
  phrases: Set<string>;
  readings: Map<string, string[]>;
  looks: Map<string, string>;
}

const indexes = new WeakMap<NameData, Index>();

function indexFor(data: NameData): Index {
  return indexes.get(data) ?? runSync(prepareNames(data));
}

/**
 * Builds the index in steps (two automata of some thousands of patterns each would otherwise be one
 * long task in a cold content script); the scan runs it as a warm-up step, in slices.
 */
export function* prepareNames(data: NameData): Steps<Index> {
  const ready = indexes.get(data);
  if (ready) return ready;
  const list = [...data.names, ...data.phrases];
  const readings = new Map<string, string[]>();
  for (const [syllable, chars] of Object.entries(data.pinyin)) {
    for (const ch of chars) readings.set(ch, [...(readings.get(ch) ?? []), syllable]);
  }
  const looks = new Map<string, string>();
  for (const group of LOOK_ALIKES) for (const ch of group) looks.set(ch, (looks.get(ch) ?? '') + group);
  const halves = new Map<string, { name: string; left: boolean }[]>();
  for (const name of list) {
    const mid = name.length >> 1;
    for (const [half, left] of [[name.slice(0, mid), true], [name.slice(mid), false]] as const) {
      const owners = halves.get(half) ?? [];
      owners.push({ name, left });
      halves.set(half, owners);
    }
  }
  yield;
  const patterns = [...halves.keys()];
  const matcher = buildMatcher(patterns);
  yield;
  const whole = buildMatcher(list);
  const index: Index = { matcher, whole, owners: patterns.map((p) => halves.get(p)!), phrases: new Set(data.phrases), readings, looks };
  indexes.set(data, index);
  return index;
}

/** Could an input method or a tired eye have put `wrong` where `right` belongs? */
export function isSlip(wrong: string, right: string, data: NameData): boolean {
  const index = indexFor(data);
  if (index.looks.get(right)?.includes(wrong)) return true;
  const a = index.readings.get(wrong);
  const b = index.readings.get(right);
  return !!a && !!b && a.some((r) => b.includes(r));
}

const CJK = /^[\u4e00-\u9fa5]$/;
/** From this length on a name's first character is checked too (no false alarm on the eval texts at 6). */
const EDGE_MIN = 6;

export function findNearMisses(text: string, data: NameData): NearMiss[] {
  const { matcher, whole, owners, phrases } = indexFor(data);
  const out: NearMiss[] = [];
  const correct = new Uint8Array(text.length);
  whole.forEach(text, (s, e) => correct.fill(1, s, e));
  matcher.forEach(text, (hs, he, p) => {
    for (const { name, left } of owners[p]!) {
      const n = name.length;
      const start = left ? hs : he - n;
      const end = start + n;
      if (start < 0 || end > text.length) continue;
      // The half that matched is intact: the slip is in the other one. Cheapest rejection first:
      // a name's last character is never the slip, nor a short name's first.
      if (left ? text.charCodeAt(end - 1) !== name.charCodeAt(n - 1) : n < EDGE_MIN && text.charCodeAt(start) !== name.charCodeAt(0)) continue;
      let at = -1;
      for (let i = left ? n >> 1 : 0, stop = left ? n : n >> 1; i < stop; i++) {
        if (text.charCodeAt(start + i) === name.charCodeAt(i)) continue;
        if (at >= 0) {
          at = -2;
          break;
        }
        at = i;
      }
      if (at < 0 || at === n - 1 || (at === 0 && n < EDGE_MIN) || correct[start + at]) continue;
      const wrong = text[start + at]!;
      if (!CJK.test(wrong) || !isSlip(wrong, name[at]!, data)) continue;
      out.push({ start, end, name, at, phrase: phrases.has(name) });
    }
  });
  // One wrong character may sit in several names (县人民正府, 人民正府办公室): one mark, the longest name.
  const best = new Map<number, NearMiss>();
  for (const m of out) {
    const prev = best.get(m.start + m.at);
    if (!prev || m.end - m.start > prev.end - prev.start) best.set(m.start + m.at, m);
  }
  return [...best.values()].sort((a, b) => a.start - b.start);
}
