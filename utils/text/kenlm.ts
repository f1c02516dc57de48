/**
 * Reader of KenLM's binary trie format (version 5, `QUANT_ARRAY_TRIE`): the layout written by
 * KenLM's build_binary with `-q 8 -b 8 -a N trie`, which is how libime ships `zh_CN.lm`.
 * Written from the format as documented by kpu/kenlm's lm/ sources; pure (no browser or Node
 * API), so the same code runs in the offscreen document, in unit tests and in the eval script.
 *
 * Layout, in file order:
 *   header  magic + sanity values, then order, model type, counts[order]   (8-byte aligned)
 *   vocab   u64 stored-count, then u64 MurmurHash64A of each word, sorted (index = rank + 1;
 *           index 0 is <unk>)
 *   quant   4 header bytes (version, prob bits, backoff bits), then per middle order a prob table
 *           and a backoff table of 2^bits floats, then the longest order's prob table
 *   unigram (count + 2) × { f32 prob, f32 backoff, u64 first child }
 *   middle  per order 2..N-1: the "array bhiksha" table of next-pointer high parts, then a
 *           bit-packed array of { word, backoff bin, prob bin, next-pointer low bits }
 *   longest bit-packed { word, prob bin }
 *   strings the vocabulary, NUL-terminated, in index order
 * The trie is reversed: a unigram's children are the words that *precede* it.
 */

import { NumberMemo } from './number-memo';

const MAGIC = 'mmap lm http://kheafield.com/code format version 5\n';
const QUANT_ARRAY_TRIE = 5;

export class KenlmFormatError extends Error {}

/** Bits needed for integers up to `max` (KenLM's RequiredBits). */
function requiredBits(max: number): number {
  let bits = 0;
  while (max > 0) {
    bits++;
    max = Math.floor(max / 2);
  }
  return bits;
}

/** One bit-packed level: entries of `totalBits`, the word index in the low `wordBits` bits. */
interface PackedLevel {
  byteBase: number;
  totalBits: number;
  wordBits: number;
  /** Middle levels only. */
  nextInlineBits: number;
  /** Middle levels only: offsets[k] = first entry whose next pointer has high part ≥ k. */
  highStarts: Uint32Array | null;
  probTable: Float32Array;
  backoffTable: Float32Array | null;
  probBits: number;
  backoffBits: number;
}

export interface KenlmModel {
  readonly order: number;
  readonly counts: readonly number[];
  /** Vocabulary index of a word; 0 (<unk>) when the model does not know it. */
  index(word: string): number;
  /** Whether the model has the word (not <unk>). */
  has(word: string): boolean;
  readonly bos: number;
  /** log10 p(word | context), context most recent last (…, h2, h1), as KenLM's full score. */
  logProb(context: readonly number[], word: number): number;
  /** Total log10 probability of a word sequence from <s>, without </s> (KenLM score(bos, !eos)). */
  score(words: readonly string[]): number;
  /** Longest vocabulary word, in UTF-16 units (bounds dictionary look-ups). */
  readonly maxWordLength: number;
  /** The vocabulary in index order (index 0 is <unk>). */
  readonly words: readonly string[];
}

export function parseKenlm(input: ArrayBuffer | Uint8Array): KenlmModel {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new KenlmFormatError(`语言模型文件无法读取：${why}`);
  };
  if (bytes.length < 256) fail('文件过短');
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) fail('不是 KenLM 第5版二进制格式');
  // Sanity block: 0.0, 1.0, -0.5, 1, 0xffffffff, then a u64 1 — catches endianness and struct packing.
  if (view.getFloat32(56, true) !== 0 || view.getFloat32(60, true) !== 1 || view.getFloat32(64, true) !== -0.5) fail('校验值不符');
  if (view.getUint32(68, true) !== 1 || view.getUint32(72, true) !== 0xffffffff || view.getUint32(80, true) !== 1) fail('校验值不符');
  const order = bytes[88];
  const modelType = view.getUint32(96, true);
  const hasVocabulary = bytes[100] !== 0;
  if (modelType !== QUANT_ARRAY_TRIE) fail(`模型类型 ${modelType}，只支持量化数组压缩字典树（5）`);
  if (order < 2 || order > 6) fail(`阶数 ${order}`);
  if (!hasVocabulary) fail('文件不含词表');
  const counts: number[] = [];
  // Sanity (88 bytes) and the fixed-width parameters (20) are followed by the counts, unaligned.
  for (let i = 0; i < order; i++) counts.push(Number(view.getBigUint64(108 + i * 8, true)));
  const headerSize = align8(108 + 8 * order);

  // Vocabulary hashes: we only need their number; the strings at the end give index order.
  const vocabSize = 8 + 8 * counts[0];
  let at = headerSize + vocabSize;
  // Every region is checked against the file length before it is read.
  const need = (end: number): void => {
    if (end > bytes.length) fail('文件被截断');
  };
  need(at + 8);

  // Quantisation tables.
  const quantVersion = bytes[at];
  const probBits = bytes[at + 1];
  const backoffBits = bytes[at + 2];
  if (quantVersion !== 2 && quantVersion !== 1) fail(`量化版本 ${quantVersion}`);
  if (probBits === 0 || probBits > 25 || backoffBits === 0 || backoffBits > 25) fail('量化位数');
  const floats = (offset: number, n: number): Float32Array => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(offset + 4 * i, true);
    return out;
  };
  need(at + 8 + (order - 1) * 4 * ((1 << probBits) + (1 << backoffBits)));
  let tableAt = at + 8;
  const middleTables: { prob: Float32Array; backoff: Float32Array }[] = [];
  for (let o = 2; o < order; o++) {
    const prob = floats(tableAt, 1 << probBits);
    tableAt += 4 << probBits;
    const backoff = floats(tableAt, 1 << backoffBits);
    tableAt += 4 << backoffBits;
    middleTables.push({ prob, backoff });
  }
  const longestProb = floats(tableAt, 1 << probBits);
  at += (order - 2) * ((4 << probBits) + (4 << backoffBits)) + (4 << probBits) + 8;

  // Unigrams, copied out of the bit stream into flat arrays for speed.
  const unigramAt = at;
  need(at + (counts[0] + 2) * 16 + 8);
  const uniProb = new Float32Array(counts[0]);
  const uniBackoff = new Float32Array(counts[0]);
  const uniNext = new Uint32Array(counts[0] + 1);
  for (let i = 0; i <= counts[0]; i++) {
    const rec = unigramAt + 16 * i;
    if (i < counts[0]) {
      uniProb[i] = view.getFloat32(rec, true);
      uniBackoff[i] = view.getFloat32(rec + 4, true);
    }
    uniNext[i] = Number(view.getBigUint64(rec + 8, true));
  }
  at += (counts[0] + 2) * 16;

  const wordBits = requiredBits(counts[0]);
  const levels: PackedLevel[] = [];
  for (let o = 2; o < order; o++) {
    const entries = counts[o - 1];
    const maxNext = counts[o];
    const bhikshaVersion = bytes[at];
    const configuredBits = bytes[at + 1];
    if (bhikshaVersion !== 0) fail(`指针压缩版本 ${bhikshaVersion}`);
    const required = requiredBits(maxNext);
    const chop = chopBits(entries + 1, maxNext, configuredBits);
    const highCount = Math.floor(maxNext / 2 ** (required - chop)) + 1;
    const inlineBits = required - chop;
    const tableStart = align8(at) + 8;
    need(tableStart + 8 * highCount + Math.ceil(((1 + entries) * (wordBits + probBits + backoffBits + inlineBits)) / 8) + 8);
    const highStarts = new Uint32Array(highCount);
    for (let k = 0; k < highCount; k++) highStarts[k] = Number(view.getBigUint64(tableStart + 8 * k, true));
    at += 8 * (1 + highCount) + 7;
    const quantBits = probBits + backoffBits;
    const totalBits = wordBits + quantBits + inlineBits;
    levels.push({
      byteBase: at, totalBits, wordBits, nextInlineBits: inlineBits, highStarts,
      probTable: middleTables[o - 2].prob, backoffTable: middleTables[o - 2].backoff, probBits, backoffBits,
    });
    at += Math.floor(((1 + entries) * totalBits + 7) / 8) + 8;
  }
  const longestTotalBits = wordBits + probBits;
  levels.push({
    byteBase: at, totalBits: longestTotalBits, wordBits, nextInlineBits: 0, highStarts: null,
    probTable: longestProb, backoffTable: null, probBits, backoffBits: 0,
  });
  at += Math.floor(((1 + counts[order - 1]) * longestTotalBits + 7) / 8) + 8;

  // Vocabulary strings, in index order, starting with <unk>.
  need(at + 6);
  const text = new TextDecoder('utf-8').decode(bytes.subarray(at));
  const words = text.split('\0');
  if (words[0] !== '<unk>') fail('词表位置不对');
  const vocab = new Map<string, number>();
  let maxWordLength = 0;
  for (let i = 1; i < counts[0]; i++) {
    const w = words[i];
    if (w === undefined) fail('词表被截断');
    vocab.set(w, i);
    if (w.length > maxWordLength && !w.startsWith('<')) maxWordLength = w.length;
  }
  const bos = vocab.get('<s>') ?? 0;

  /** Reads `length` (≤ 32) bits at absolute bit offset `bit` of a level. */
  const readBits = (byteBase: number, bit: number, length: number): number => {
    const byte = byteBase + Math.floor(bit / 8);
    const shift = bit & 7;
    if (shift + length <= 32) {
      // The common case (every field of an 8-bit quantised model): one little-endian 32-bit word.
      const word = bytes[byte] | (bytes[byte + 1] << 8) | (bytes[byte + 2] << 16) | (bytes[byte + 3] << 24);
      return length === 32 ? word >>> 0 : (word >>> shift) & ((1 << length) - 1) >>> 0;
    }
    // Up to 5 bytes hold shift + length ≤ 39 bits; compose with arithmetic, not 32-bit ops.
    let value = 0;
    let scale = 1;
    const need = Math.ceil((shift + length) / 8);
    for (let i = 0; i < need; i++) {
      value += bytes[byte + i] * scale;
      scale *= 256;
    }
    return Math.floor(value / 2 ** shift) % 2 ** length;
  };


  /** Binary search for `word` among entries [begin, end) of a level; -1 when absent. */
  const find = (level: PackedLevel, begin: number, end: number, word: number): number => {
    let lo = begin;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const key = readBits(level.byteBase, mid * level.totalBits, level.wordBits);
      if (key < word) lo = mid + 1;
      else if (key > word) hi = mid;
      else return mid;
    }
    return -1;
  };

  // Next-order range [rangeBegin, rangeEnd) of the entry last given to childRange (no tuple per call).
  let rangeBegin = 0;
  let rangeEnd = 0;
  /** Sets the next-order range of entry `index` in a middle level. */
  const childRange = (level: PackedLevel, index: number): void => {
    const starts = level.highStarts!;
    const inline = level.nextInlineBits;
    const lowAt = (i: number) => readBits(level.byteBase, i * level.totalBits + level.totalBits - inline, inline);
    // High part of entry i's pointer: the last k whose first entry is ≤ i; entry i+1's is that or later.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    let next = lo;
    while (next + 1 < starts.length && starts[next + 1] <= index + 1) next++;
    const scale = 2 ** inline;
    rangeBegin = lo * scale + lowAt(index);
    rangeEnd = next * scale + lowAt(index + 1);
  };

  const logProb = (context: readonly number[], word: number): number => {
    // Walk the reversed trie: word, then h1, h2, … collecting the longest match and the
    // backoffs of the context n-grams that the match did not cover.
    let prob = uniProb[word];
    let begin = uniNext[word];
    let end = uniNext[word + 1];
    let matched = 1;
    // Backoff weights of the context n-grams (h1), (h2 h1), …: looked up separately.
    const depth = Math.min(context.length, order - 1);
    for (let d = 1; d <= depth && begin < end; d++) {
      const level = levels[d - 1];
      const h = context[context.length - d];
      const at = find(level, begin, end, h);
      if (at < 0) break;
      const bitAt = at * level.totalBits + level.wordBits;
      if (d < order - 1) {
        prob = level.probTable[readBits(level.byteBase, bitAt + level.backoffBits, level.probBits)];
        childRange(level, at);
        begin = rangeBegin;
        end = rangeEnd;
      } else {
        prob = level.probTable[readBits(level.byteBase, bitAt, level.probBits)];
      }
      matched = d + 1;
    }
    // Add backoff(h_{matched-1} … h1) for each context length ≥ matched - 1 … up to depth.
    for (let len = matched; len <= depth; len++) prob += contextBackoff(context, len);
    return prob;
  };

  // Backoffs of two-word contexts, memoised: a decoder asks the same context for many next words.
  const pairBackoffs = new NumberMemo(18);

  /** Backoff weight of the context n-gram made of the last `len` words of `context`. */
  const contextBackoff = (context: readonly number[], len: number): number => {
    const last = context[context.length - 1];
    if (len === 1) return uniBackoff[last];
    if (len === 2) {
      const before = context[context.length - 2];
      return pairBackoffs.get(before * counts[0] + last, Math.imul(before + 1, 0x9e3779b1) ^ Math.imul(last + 1, 0x85ebca6b), () => lookupBackoff(context, 2));
    }
    return lookupBackoff(context, len);
  };

  const lookupBackoff = (context: readonly number[], len: number): number => {
    const last = context[context.length - 1];
    let begin = uniNext[last];
    let end = uniNext[last + 1];
    for (let d = 1; d < len; d++) {
      const level = levels[d - 1];
      const at = find(level, begin, end, context[context.length - 1 - d]);
      if (at < 0) return 0;
      const bitAt = at * level.totalBits + level.wordBits;
      if (d === len - 1) return level.backoffTable![readBits(level.byteBase, bitAt, level.backoffBits)];
      childRange(level, at);
      begin = rangeBegin;
      end = rangeEnd;
    }
    return 0;
  };

  const index = (word: string): number => vocab.get(word) ?? 0;

  return {
    order,
    counts,
    bos,
    maxWordLength,
    index,
    has: (word) => vocab.has(word),
    words: words.slice(0, counts[0]),
    logProb,
    score(words) {
      const context: number[] = [bos];
      let total = 0;
      for (const w of words) {
        const id = index(w);
        total += logProb(context, id);
        context.push(id);
        if (context.length >= order) context.shift();
      }
      return total;
    },
  };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** How many high bits of next pointers the array table takes (KenLM's size-minimising choice). */
function chopBits(maxOffset: number, maxNext: number, configured: number): number {
  const required = requiredBits(maxNext);
  let best = 0;
  let lowest = Infinity;
  for (let chop = 0; chop <= Math.min(required, configured); chop++) {
    const change = Math.floor(maxNext / 2 ** (required - chop)) * 64 - maxOffset * chop;
    if (change < lowest) {
      lowest = change;
      best = chop;
    }
  }
  return best;
}
