// Regenerates tests/fixtures/text/recall.tsv from ECSpell odw by a mechanical rule (no lexicon involved).
// Run: node scripts/gen-recall.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import STP from 'opencc-js/dict/STPhrases';
const rows = readFileSync('tests/fixtures/ecspell-odw/odw.train.tsv', 'utf8').trim().split('\n').map((l) => l.split('\t'));
const words = new Set(STP.split('|').map((e) => e.split(' ')[0]).filter((w) => w.length === 2));
const corrected = rows.map((r) => r[2]).join('\n');
const count = (s) => corrected.split(s).length - 1;
const isWord = (s) => /^[\u4e00-\u9fa5]{2}$/.test(s) && (words.has(s) || count(s) >= 3);
const out = [];
for (const [n, w, c] of rows) {
  if (n !== '1' || w.length !== c.length) continue;
  const ks = [...w].map((ch, k) => (ch !== c[k] ? k : -1)).filter((k) => k >= 0);
  if (ks.length !== 1) continue;
  const k = ks[0];
  const left = w.slice(k - 1, k + 1), right = w.slice(k, k + 2);
  const realWord = (k > 0 && isWord(left)) || isWord(right);
  if (realWord) out.push([w, c, w[k], c[k], k]);
}
writeFileSync('tests/fixtures/text/recall.tsv', '# Real sentences from ECSpell odw (MIT, tests/fixtures/ecspell-odw) with exactly one wrong character where the\n# wrong character forms a real word with a neighbour (real-word confusion, e.g. 编织/编制, 真想/真相): a 2-character word in\n# the OpenCC phrase list or seen 3+ times in the corrected sentences. Selected mechanically by scripts (scripts/gen-recall.mjs),\n# never by looking at the lexicon; the lexicon gets no entries from these sentences.\n# columns: wrong sentence, corrected sentence, wrong char, right char, offset\n' + out.map((r) => r.join('\t')).join('\n') + '\n');
console.log(out.length);
