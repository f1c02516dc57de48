/**
 * Suspected typos beyond the lexicon: a character swapped for a same-reading, fuzzy-reading or
 * look-alike one (编织 for 编制). For every Chinese character we try its confusable characters;
 * a swap is considered only when it forms a vocabulary word of the language model, and it is
 * scored by how much it raises the trigram log-probability of the best word segmentation of the
 * text around it. Pure: the model and the tables are passed in (they live in the offscreen
 * document in the extension, never in the content script).
 */
import type { KenlmModel } from '../kenlm';
import { NumberMemo } from '../number-memo';
import type { SuspectHit } from './tiers';
import { BLANK, HASH_START, MISSING, buildCodeTable, hashStep } from './code-table';

export interface ConfusionTables {
  /** Syllable (pinyin without tones) → the characters read so. */
  readings: Record<string, string>;
  /** Character → characters whose glyphs look alike, most alike first. */
  lookalike: Record<string, string>;
}

export type CandidateSource = SuspectHit['source'];

/** A scored swap (gain raw or net of its source's penalty), before tiers. */
export interface Suspect extends Omit<SuspectHit, 'tier'> {
  /** Length of the longest vocabulary word of the original text that covers the character. */
  covered: number;
}

/** Tuned on the tune part of ECSpell odw (scripts/eval/suspect.ts); see README. */
export interface DetectorParams {
  /** Characters of context on each side of the swapped character. */
  window: number;
  /** Extra gain a fuzzy-reading or look-alike swap must show over a same-reading one. */
  fuzzyPenalty: number;
  shapePenalty: number;
  /** Longest vocabulary word tried in segmentation. */
  maxWord: number;
}

export const DEFAULT_PARAMS: DetectorParams = { window: 4, fuzzyPenalty: 1, shapePenalty: 1, maxWord: 6 };

/** Fuzzy pinyin: initials and finals an input-method user confuses (z/zh, n/l, in/ing…). */
const FUZZY_INITIALS: [string, string][] = [['zh', 'z'], ['ch', 'c'], ['sh', 's'], ['n', 'l'], ['l', 'n'], ['f', 'h'], ['h', 'f'], ['r', 'l']];
const FUZZY_FINALS: [string, string][] = [['ing', 'in'], ['eng', 'en'], ['ang', 'an'], ['in', 'ing'], ['en', 'eng'], ['an', 'ang']];

function fuzzyVariants(syllable: string): string[] {
  const out = new Set<string>();
  // Initials as written (zh is not z + h…); the table lists which letters are confused.
  for (const [a, b] of FUZZY_INITIALS) if (syllable.startsWith(a) && !syllable.startsWith(a + 'h')) out.add(b + syllable.slice(a.length));
  // z → zh, c → ch, s → sh (the reverse direction of the first three).
  for (const x of ['z', 'c', 's']) if (syllable.startsWith(x) && !syllable.startsWith(x + 'h')) out.add(x + 'h' + syllable.slice(1));
  for (const [a, b] of FUZZY_FINALS) if (syllable.endsWith(a)) out.add(syllable.slice(0, -a.length) + b);
  out.delete(syllable);
  return [...out];
}


export interface Detector {
  /** Best swap per character (gain net of the source penalty; may be negative). */
  suspects(text: string, skip?: Uint8Array): Suspect[];
  /** Best swap per character and source, raw gain; characters flagged in `skip` are not tried. */
  swaps(text: string, skip?: Uint8Array): Suspect[];
  readonly model: KenlmModel;
}

const SOURCES: CandidateSource[] = ['same', 'fuzzy', 'shape'];
const [SAME, FUZZY, SHAPE] = [0, 1, 2];

export function createDetector(model: KenlmModel, tables: ConfusionTables, params: DetectorParams = DEFAULT_PARAMS): Detector {
  const maxWord = Math.min(params.maxWord, model.maxWordLength);
  const readingsOf = new Map<string, string[]>();
  for (const [syllable, chars] of Object.entries(tables.readings)) {
    for (const ch of chars) {
      const list = readingsOf.get(ch);
      if (list) list.push(syllable);
      else readingsOf.set(ch, [syllable]);
    }
  }
  /**
   * Confusable characters of a character (UTF-16 codes) and where each comes from (SOURCES index),
   * same reading first.
   */
  const confusableCache = new Map<string, { codes: Uint16Array; sources: Uint8Array }>();
  const confusables = (ch: string): { codes: Uint16Array; sources: Uint8Array } => {
    let c = confusableCache.get(ch);
    if (c) return c;
    const m = new Map<string, number>();
    const syllables = readingsOf.get(ch) ?? [];
    for (const syl of syllables) for (const x of tables.readings[syl] ?? '') if (!m.has(x)) m.set(x, SAME);
    for (const syl of syllables) for (const v of fuzzyVariants(syl)) for (const x of tables.readings[v] ?? '') if (!m.has(x)) m.set(x, FUZZY);
    for (const x of tables.lookalike[ch] ?? '') if (!m.has(x)) m.set(x, SHAPE);
    m.delete(ch);
    c = { codes: Uint16Array.from(m.keys(), (x) => x.charCodeAt(0)), sources: Uint8Array.from(m.values()) };
    confusableCache.set(ch, c);
    return c;
  };

  // log10 p(w | h2 h1), memoised: ids are < 2^18, so one safe integer keys a triple. -1 means none.
  const logProbs = new NumberMemo(20);
  const lp = (h2: number, h1: number, w: number): number => {
    const key = ((h2 + 1) * 262145 + (h1 + 1)) * 262144 + w;
    const slot = logProbs.slot(key, Math.imul(h2 + 1, 0x9e3779b1) ^ Math.imul(h1 + 1, 0x85ebca6b) ^ Math.imul(w, 0xc2b2ae35));
    return logProbs.has(slot, key) ? logProbs.at(slot) : logProbs.put(slot, key, model.logProb(h2 < 0 ? (h1 < 0 ? [] : [h1]) : [h2, h1], w));
  };


  /**
   * Best segmentation score of an n-character string whose candidate words are given by
   * `idAt(i, len)` (vocabulary index, or -1 when that substring is not a word; single characters
   * are always allowed, as <unk> if need be). Viterbi over word ends; the state is the last word,
   * the word before it taken from that state's best path: the usual approximation of trigram
   * decoding, good enough to compare two strings that differ in one character.
   */
  let dpScore = new Float64Array(0);
  let dpLast = new Int32Array(0);
  let dpPrev = new Int32Array(0);
  // `ids[i*M + len-1]`: the word id of the window's i..i+len (-1: none). `keep`: rows 1..keep are
  // those of the previous call on the same window (words ending before the swapped character are
  // the same words), so a swap re-scores only the rows after it.
  // ends[j*M + t]: the t-th (by length) word ending at j that has a path, as its len-1; endCount[j] of them.
  let dpEnds = new Int8Array(0);
  let dpEndCount = new Int8Array(0);
  const segScore = (n: number, ids: Int32Array, keep = 0): number => {
    // score[j*M + len-1], last/prev ids likewise: the best path ending at j with a last word of len.
    const M = maxWord;
    if (dpScore.length < (n + 1) * M) {
      dpScore = new Float64Array((n + 1) * M);
      dpLast = new Int32Array((n + 1) * M);
      dpPrev = new Int32Array((n + 1) * M);
      dpEnds = new Int8Array((n + 1) * M);
      dpEndCount = new Int8Array(n + 1);
    }
    const score = dpScore;
    const last = dpLast;
    const prev = dpPrev;
    const ends = dpEnds;
    const endCount = dpEndCount;
    for (let j = keep + 1; j <= n; j++) {
      let count = 0;
      for (let len = 1; len <= Math.min(M, j); len++) {
        const id = ids[(j - len) * M + len - 1]!;
        if (id < 0) continue;
        const i = j - len;
        let bestScore = -Infinity;
        let bestPrev = -1;
        if (i === 0) {
          bestScore = lp(-1, -1, id);
        } else {
          // Only the words ending at i (shortest first, as a scan of every length would meet them).
          for (let t = 0, tn = endCount[i]!; t < tn; t++) {
            const from = i * M + ends[i * M + t]!;
            const v = score[from]! + lp(prev[from]!, last[from]!, id);
            if (v > bestScore) {
              bestScore = v;
              bestPrev = last[from]!;
            }
          }
        }
        if (bestScore === -Infinity) continue;
        const at = j * M + len - 1;
        score[at] = bestScore;
        last[at] = id;
        prev[at] = bestPrev;
        ends[j * M + count++] = len - 1;
      }
      endCount[j] = count;
    }
    let best = -Infinity;
    for (let t = 0; t < endCount[n]!; t++) best = Math.max(best, score[n * M + ends[n * M + t]!]!);
    return best;
  };

  // Chinese words up to maxWord characters, and every proper prefix of one (value -2), so that a
  // look-up that can no longer grow into a word stops at once.
  const wordMap = new Map<string, number>();
  model.words.forEach((w, id) => {
    if (id === 0 || w.length > maxWord || !/^[\u4e00-\u9fff]+$/.test(w)) return;
    wordMap.set(w, id);
    for (let k = 1; k < w.length; k++) if (!wordMap.has(w.slice(0, k))) wordMap.set(w.slice(0, k), -2);
  });
  // Looked up by the text's codes in place (code-table.ts): no string per look-up.
  const words = buildCodeTable(wordMap);
  wordMap.clear();

  /**
   * Fills ids[len-1] with the word ids of buf[from..from+len) (-1: not a word) for len 1..M, the
   * text ending at `end`. A single character is always a word (<unk> = 0 when unknown).
   */
  const wordsFrom = (buf: Uint16Array, end: number, from: number, ids: Int32Array, offset: number): void => {
    let h = hashStep(HASH_START, buf[from]!);
    ids[offset] = Math.max(0, words.find(buf, from, 1, h));
    let len = 2;
    for (; len <= maxWord && from + len <= end; len++) {
      h = hashStep(h, buf[from + len - 1]!);
      const v = words.find(buf, from, len, h);
      if (v === MISSING) break;
      ids[offset + len - 1] = v >= 0 ? v : -1;
    }
    for (; len <= maxWord; len++) ids[offset + len - 1] = -1;
  };



  // Vocabulary words of 2–4 Chinese characters with one character blanked → the characters that
  // fill the blank: finds every word a single swap can form with one look-up per window.
  const fillerMap = new Map<string, string>();
  for (const w of model.words) {
    if (w.length < 2 || w.length > 4 || !/^[\u4e00-\u9fff]+$/.test(w)) continue;
    for (let k = 0; k < w.length; k++) {
      const key = w.slice(0, k) + '\0' + w.slice(k + 1);
      fillerMap.set(key, (fillerMap.get(key) ?? '') + w[k]);
    }
  }
  // The fill characters of each blanked key, as one pool of codes: key k's are
  // fillPool[fillStart[k] .. fillStart[k+1]) (the strings built by appending were ropes, slow to
  // read a code at a time).
  const fillStart = new Int32Array(fillerMap.size + 1);
  const fillPool = new Uint16Array(Array.from(fillerMap.values()).reduce((n, f) => n + f.length, 0));
  {
    let k = 0;
    let at = 0;
    for (const f of fillerMap.values()) {
      fillStart[k++] = at;
      for (let i = 0; i < f.length; i++) fillPool[at++] = f.charCodeAt(i);
    }
    fillStart[k] = at;
  }
  const fillers = buildCodeTable(Array.from(fillerMap.keys(), (k, i) => [k, i] as [string, number]));
  fillerMap.clear();

  /**
   * Swaps at p of the run (its codes in buf[0..n)) that form a vocabulary word covering p, among
   * the characters whose `wanted` entry is `stamp` (indexed by UTF-16 code): their codes, and the
   * start and length of the word each forms first, in formed*[0..count). Longest word first.
   */
  let formedCode = new Uint16Array(64);
  let formedStart = new Int32Array(64);
  let formedLen = new Uint8Array(64);
  const formedSeen = new Uint32Array(65536);
  let formedStamp = 0;
  const formedWords = (buf: Uint16Array, n: number, p: number, wanted: Uint32Array, stamp: number): number => {
    let count = 0;
    formedStamp++;
    for (let len = Math.min(4, n); len >= 2; len--) {
      for (let a = Math.max(0, p - len + 1); a <= p && a + len <= n; a++) {
        let h = HASH_START;
        for (let i = a; i < a + len; i++) h = hashStep(h, i === p ? BLANK : buf[i]!);
        const at = fillers.find(buf, a, len, h, p);
        if (at === MISSING) continue;
        for (let k = fillStart[at]!, end = fillStart[at + 1]!; k < end; k++) {
          const code = fillPool[k]!;
          if (wanted[code] !== stamp || formedSeen[code] === formedStamp) continue;
          formedSeen[code] = formedStamp;
          if (count === formedCode.length) {
            formedCode = grow(formedCode, new Uint16Array(count * 2));
            formedStart = grow(formedStart, new Int32Array(count * 2));
            formedLen = grow(formedLen, new Uint8Array(count * 2));
          }
          formedCode[count] = code;
          formedStart[count] = a;
          formedLen[count] = len;
          count++;
        }
      }
    }
    return count;
  };


  /** Longest vocabulary word of the original text covering p. */
  const coveredBy = (lattice: Int32Array, n: number, p: number): number => {
    let longest = 1;
    for (let i = Math.max(0, p - maxWord + 1); i <= p; i++) {
      for (let len = p - i + 1; len <= maxWord && i + len <= n; len++) if (len > longest && lattice[i * maxWord + len - 1] > 0) longest = len;
    }
    return longest;
  };

  // Confusables of the character being tried, by code: wanted[code] === stamp, their source in sourceOf.
  const wanted = new Uint32Array(65536);
  const sourceOf = new Uint8Array(65536);
  let stamp = 0;
  const swapped = new Int32Array((2 * params.window + 2) * params.maxWord);
  // The window's word ids, original (`win`) and with the swap (`winSwapped`), as segScore reads them.
  const win = new Int32Array((2 * params.window + 2) * params.maxWord);
  const winSwapped = new Int32Array((2 * params.window + 2) * params.maxWord);
  let codes = new Uint16Array(256);
  /** Best swap per character and source, raw gain (no penalty): the tuning script sweeps these. */
  const swaps = (text: string, skip?: Uint8Array): Suspect[] => {
    const out: Suspect[] = [];
    const M = maxWord;
    for (const m of text.matchAll(/[\u4e00-\u9fff]{2,}/g)) {
      const run = m[0];
      const base = m.index ?? 0;
      if (codes.length < run.length) codes = new Uint16Array(run.length * 2);
      for (let i = 0; i < run.length; i++) codes[i] = run.charCodeAt(i);
      // Word lattice of the run, looked up once: lattice[i*M + len-1].
      const lattice = new Int32Array(run.length * M).fill(-1);
      for (let i = 0; i < run.length; i++) {
        wordsFrom(codes, run.length, i, lattice, i * M);
      }
      for (let p = 0; p < run.length; p++) {
        if (skip?.[base + p]) continue;
        // Inside a word of three or more characters the text is almost always as meant (tuning:
        // no false flag more or less, recall 0.003 lower, a good part of the work saved).
        const covered = coveredBy(lattice, run.length, p);
        if (covered >= 3) continue;
        const ch = run[p]!;
        const sources = confusables(ch);
        stamp++;
        for (let k = 0; k < sources.codes.length; k++) {
          wanted[sources.codes[k]!] = stamp;
          sourceOf[sources.codes[k]!] = sources.sources[k]!;
        }
        const count = formedWords(codes, run.length, p, wanted, stamp);
        if (!count) continue;
        const a = Math.max(0, p - params.window);
        const n = Math.min(run.length, p + params.window + 1) - a;
        for (let i = 0; i < n; i++) {
          for (let len = 1; len <= M; len++) win[i * M + len - 1] = i + len <= n ? lattice[(a + i) * M + len - 1]! : -1;
        }
        winSwapped.set(win.subarray(0, n * M));
        const original = segScore(n, win);
        // Best per source, in the order the sources first came (ties between them keep that order).
        const best: (Suspect | undefined)[] = [undefined, undefined, undefined];
        const order: number[] = [];
        const first = Math.max(0, p - a - M + 1);
        for (let f = 0; f < count; f++) {
          const code = formedCode[f]!;
          // Words of the swapped window that cover p, looked up once per candidate (the run's codes
          // with the candidate at p, for the while).
          codes[p] = code;
          for (let i = first; i <= p - a; i++) wordsFrom(codes, a + n, a + i, swapped, i * M);
          codes[p] = run.charCodeAt(p);
          for (let i = first; i <= p - a; i++) {
            for (let len = p - a - i + 1; len <= M; len++) winSwapped[i * M + len - 1] = i + len <= n ? swapped[i * M + len - 1]! : -1;
          }
          const gain = segScore(n, winSwapped, p - a) - original;
          const source = sourceOf[code]!;
          const prior = best[source];
          if (prior && gain <= prior.gain) continue;
          if (!prior) order.push(source);
          const wordStart = formedStart[f]!;
          const c = String.fromCharCode(code);
          const word = run.slice(wordStart, p) + c + run.slice(p + 1, wordStart + formedLen[f]!);
          best[source] = { index: base + p, wrong: ch, right: c, word, wordStart: base + wordStart, gain, source: SOURCES[source]!, covered };
        }
        for (const source of order) out.push(best[source]!);
      }
    }
    return out;
  };

  const penalty = (s: Suspect): number => (s.source === 'fuzzy' ? params.fuzzyPenalty : s.source === 'shape' ? params.shapePenalty : 0);

  /** Best swap per character, gain net of its source's penalty. */
  const suspects = (text: string, skip?: Uint8Array): Suspect[] => {
    const byIndex = new Map<number, Suspect>();
    for (const s of swaps(text, skip)) {
      const net = { ...s, gain: s.gain - penalty(s) };
      const prev = byIndex.get(s.index);
      if (!prev || net.gain > prev.gain) byIndex.set(s.index, net);
    }
    return [...byIndex.values()];
  };

  return { suspects, swaps, model };
}

function grow<T extends Uint16Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
