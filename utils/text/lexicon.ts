/**
 * The typo / wording lexicon: data files in ./lexicon, compiled once (lazily) into one
 * Aho–Corasick matcher with per-entry context guards.
 *
 * File format (compact because it ships in the content script):
 *   { "class": "一般错别字", "entries": [ "按步就班>按部就班", ["布署>部署", { notBefore: "宣公发颁" }] ] }
 * Options: why (short reason; default derived from the differing characters), cls (class override),
 * notBefore (characters that must not stand right before the match), notAfter (… right after),
 * next / prev (regex the following / preceding text must match), ex (longer correct strings that
 * contain the wrong form: an occurrence inside one of them is not an error), flag / pass (specs
 * checked by the unit test).
 */
import { buildMatcher, longestNonOverlapping, type Matcher } from './matcher';
import idioms from './lexicon/idioms.json';
import words from './lexicon/words.json';
import gov from './lexicon/gov.json';
import places from './lexicon/places.json';

export const TEXT_CLASSES = ['国家领导人', '机构名称', '法律法规政策', '会议名称', '行政区划', '一般错别字', '标点/格式'] as const;
export type TextClass = (typeof TEXT_CLASSES)[number];

export interface EntryOptions {
  why?: string;
  cls?: TextClass;
  notBefore?: string;
  notAfter?: string;
  next?: string;
  prev?: string;
  ex?: string[];
  flag?: string[];
  pass?: string[];
}

export type RawEntry = string | [string, EntryOptions];

export interface LexiconFile {
  class: TextClass;
  entries: RawEntry[];
}

export interface LexiconEntry {
  wrong: string;
  right: string;
  why: string;
  cls: TextClass;
  file: string;
  notBefore?: string;
  notAfter?: string;
  next?: RegExp;
  prev?: RegExp;
  ex?: string[];
  flag?: string[];
  pass?: string[];
}

export const LEXICON_FILES: Record<string, LexiconFile> = {
  idioms: idioms as LexiconFile,
  words: words as LexiconFile,
  gov: gov as LexiconFile,
  places: places as LexiconFile,
};

/** “步”应为“部”: the differing characters, enough for an inspector to see the fix. */
export function deriveReason(wrong: string, right: string): string {
  if (wrong.length === right.length) {
    const a: string[] = [];
    const b: string[] = [];
    for (let i = 0; i < wrong.length; i++) {
      if (wrong[i] !== right[i]) {
        a.push(wrong[i]);
        b.push(right[i]);
      }
    }
    if (a.length && a.length <= 2) return `“${a.join('')}”应为“${b.join('')}”`;
  }
  return `应为“${right}”`;
}

export function parseEntries(files: Record<string, LexiconFile>): LexiconEntry[] {
  const out: LexiconEntry[] = [];
  for (const [file, data] of Object.entries(files)) {
    for (const raw of data.entries) {
      const [pair, opts] = typeof raw === 'string' ? [raw, {} as EntryOptions] : raw;
      const sep = pair.indexOf('>');
      const wrong = pair.slice(0, sep);
      const right = pair.slice(sep + 1);
      out.push({
        wrong,
        right,
        why: opts.why ?? deriveReason(wrong, right),
        cls: opts.cls ?? data.class,
        file,
        notBefore: opts.notBefore,
        notAfter: opts.notAfter,
        next: opts.next ? new RegExp('^(?:' + opts.next + ')') : undefined,
        prev: opts.prev ? new RegExp('(?:' + opts.prev + ')$') : undefined,
        ex: opts.ex,
        flag: opts.flag,
        pass: opts.pass,
      });
    }
  }
  return out;
}

export interface Hit {
  start: number;
  end: number;
  entry: LexiconEntry;
}

/** A hit as the rules read it, and as it crosses a message (the entry's guards are regexes). */
export interface PlainHit {
  start: number;
  end: number;
  entry: Pick<LexiconEntry, 'wrong' | 'right' | 'why' | 'cls'>;
}

/** How far the next/prev regexes may look. */
const LOOK = 16;

/** Whether an occurrence of entry at [start, end) in text survives the entry's context guards. */
export function guardsPass(entry: LexiconEntry, text: string, start: number, end: number): boolean {
  if (entry.notBefore && start > 0 && entry.notBefore.includes(text[start - 1])) return false;
  if (entry.notAfter && end < text.length && entry.notAfter.includes(text[end])) return false;
  if (entry.next && !entry.next.test(text.slice(end, end + LOOK))) return false;
  if (entry.prev && !entry.prev.test(text.slice(Math.max(0, start - LOOK), start))) return false;
  if (entry.ex) {
    for (const e of entry.ex) {
      let k = e.indexOf(entry.wrong);
      while (k >= 0) {
        if (start - k >= 0 && text.startsWith(e, start - k)) return false;
        k = e.indexOf(entry.wrong, k + 1);
      }
    }
  }
  return true;
}

export class Lexicon {
  readonly entries: LexiconEntry[];
  private matcher: Matcher | null = null;

  constructor(entries: LexiconEntry[]) {
    this.entries = entries;
  }

  private get m(): Matcher {
    if (!this.matcher) this.matcher = buildMatcher(this.entries.map((e) => e.wrong));
    return this.matcher;
  }

  /**
   * Guarded hits, overlaps resolved leftmost-longest so 再接再励 is one finding, not two.
   * `scan` is the text to match (e.g. normalised to Simplified); offsets are valid in both.
   */
  find(scan: string): Hit[] {
    const raw: Hit[] = [];
    this.m.forEach(scan, (start, end, i) => {
      const entry = this.entries[i];
      if (guardsPass(entry, scan, start, end)) raw.push({ start, end, entry });
    });
    return longestNonOverlapping(raw);
  }
}

let shared: Lexicon | null = null;

/** The built-in lexicon, compiled on first use. */
export function getLexicon(): Lexicon {
  if (!shared) shared = new Lexicon(parseEntries(LEXICON_FILES));
  return shared;
}

/** The inspector's own additions (设置 → 自定义错别字词条) and words never to flag (例外). */
export interface UserLexicon {
  extra: { wrong: string; right: string }[];
  exceptions: string[];
}

let custom: { key: string; lexicon: Lexicon } | null = null;

/** The inspector's exceptions (设置), trimmed, blanks dropped: texts no text rule may mark. */
export function userExceptions(user: UserLexicon | undefined): string[] {
  return (user?.exceptions ?? []).map((x) => x.trim()).filter(Boolean);
}

/**
 * The built-in lexicon with the inspector's entries added and exceptions applied as context
 * guards (an exception that contains an entry's wrong form keeps it from firing there).
 * Compiled once per distinct setting, not once per page.
 */
export function lexiconFor(user: UserLexicon | undefined): Lexicon {
  const extra = (user?.extra ?? []).filter((e) => e.wrong.trim() && e.right.trim() && e.wrong !== e.right);
  const exceptions = userExceptions(user);
  if (!extra.length && !exceptions.length) return getLexicon();
  const key = JSON.stringify([extra, exceptions]);
  if (custom?.key === key) return custom.lexicon;
  const base = getLexicon().entries.map((e) => {
    const ex = exceptions.filter((x) => x.includes(e.wrong));
    return ex.length ? { ...e, ex: [...(e.ex ?? []), ...ex] } : e;
  });
  const own: LexiconEntry[] = extra.map((e) => ({
    wrong: e.wrong.trim(),
    right: e.right.trim(),
    why: '自定义词条',
    cls: '一般错别字',
    file: 'settings',
    ex: exceptions.filter((x) => x.includes(e.wrong.trim())),
  }));
  custom = { key, lexicon: new Lexicon([...base, ...own]) };
  return custom.lexicon;
}
