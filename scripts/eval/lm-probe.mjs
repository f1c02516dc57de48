/**
 * How far could a word-frequency language model take recall on ECSpell? A probe, not a rule.
 *
 * The issue asks recall ≥ 0.8 at almost no false alarms. The strongest Chinese language data the
 * npm registry and Debian offer here is jieba's dictionary of 349,046 words with corpus
 * frequencies (MIT; shipped inside the npm package nodejieba). This probe scores each sentence
 * with the best unigram word segmentation and, for every Chinese character, tries every homophone
 * (utils/text/pinyin.json): a swap is flagged when it raises the log-probability of the ±5
 * character window by at least T. It prints recall on the 993 ECSpell error sentences and on
 * tests/fixtures/text/recall.tsv against the number of the 1,720 corrected sentences that get a
 * false flag, for a range of T. Nothing of the dictionary is committed.
 *
 *   npm pack nodejieba@3.5.8 && tar xzf nodejieba-3.5.8.tgz
 *   node scripts/eval/lm-probe.mjs package/submodules/cppjieba/dict/jieba.dict.utf8
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dictPath = process.argv[2];
if (!dictPath) {
  console.error('用法: node scripts/eval/lm-probe.mjs <jieba.dict.utf8>（获取方法见文件开头）');
  process.exit(2);
}
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HAN = /[\u4e00-\u9fff]/;
const WINDOW = 5;

const freq = new Map();
let total = 0;
for (const line of readFileSync(dictPath, 'utf8').split('\n')) {
  const [word, count] = line.split(' ');
  if (!word) continue;
  freq.set(word, (freq.get(word) ?? 0) + Number(count));
  total += Number(count);
}
const logTotal = Math.log(total);
// An unknown character is rarer than any listed word (jieba's rarest have frequency 1–3).
const UNKNOWN_HAN = Math.log(0.5) - logTotal;
const OTHER = Math.log(1000) - logTotal;

const homophones = new Map();
const { table } = JSON.parse(readFileSync(join(ROOT, 'utils/text/pinyin.json'), 'utf8'));
for (const chars of Object.values(table)) for (const ch of chars) homophones.set(ch, (homophones.get(ch) ?? '') + chars);

/** Log-probability of the best segmentation of s into dictionary words. */
function score(s) {
  const best = new Array(s.length + 1).fill(-Infinity);
  best[0] = 0;
  for (let i = 0; i < s.length; i++) {
    for (let len = 1; len <= Math.min(8, s.length - i); len++) {
      const word = s.slice(i, i + len);
      const f = freq.get(word);
      const p = f ? Math.log(f) - logTotal : len === 1 ? (HAN.test(word) ? UNKNOWN_HAN : OTHER) : null;
      if (p !== null && best[i] + p > best[i + len]) best[i + len] = best[i] + p;
    }
  }
  return best[s.length];
}

/** For each position, the homophone swap with the largest gain: [{ at, to, gain }]. */
function swaps(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const alts = homophones.get(s[i]);
    if (!alts) continue;
    const a = Math.max(0, i - WINDOW);
    const window = s.slice(a, i + WINDOW + 1);
    const base = score(window);
    let top = null;
    for (const to of new Set(alts)) {
      if (to === s[i]) continue;
      const gain = score(window.slice(0, i - a) + to + window.slice(i - a + 1)) - base;
      if (!top || gain > top.gain) top = { at: i, to, gain };
    }
    if (top) out.push(top);
  }
  return out;
}

const rows = readFileSync(join(ROOT, 'tests/fixtures/ecspell-odw/odw.train.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
/** Gain of the right correction at the error position (-Infinity when no homophone swap finds it). */
function hitGain(wrong, right, at) {
  const hit = swaps(wrong).find((x) => x.at === at && x.to === right[at]);
  return hit ? hit.gain : -Infinity;
}
const falseGains = rows.map(([, , right]) => Math.max(-Infinity, ...swaps(right).map((x) => x.gain)));
const allGains = rows
  .filter(([errors]) => errors !== '0')
  .map(([, wrong, right]) => hitGain(wrong, right, [...wrong].findIndex((ch, j) => ch !== right[j])));
const setGains = readFileSync(join(ROOT, 'tests/fixtures/text/recall.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t'))
  .map(([wrong, right, , , at]) => hitGain(wrong, right, Number(at)));

const share = (gains, t) => (gains.filter((g) => g >= t).length / gains.length).toFixed(3);
console.log('T\tfalse-flag sentences (of 1720)\trecall, 993 ECSpell errors\trecall, recall.tsv');
for (const t of [2, 4, 6, 8, 10, 12, 14]) {
  console.log(`${t}\t${falseGains.filter((g) => g >= t).length}\t${share(allGains, t)}\t${share(setGains, t)}`);
}
