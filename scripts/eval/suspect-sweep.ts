/**
 * How the tier thresholds (utils/text/suspect/tiers.ts) are chosen, on the tune part of ECSpell odw
 * only (the held-out part is never read here): recall and falsely flagged sentences per 1,000 at
 * each gain threshold. Rule: the lowest threshold meeting the tier's target (mark ≤ 1, list ≤ 5 per
 * 1,000), plus one 0.25 step of margin, since a 1,185-sentence estimate moves by 0.84 per sentence.
 * Run: npx tsx scripts/eval/suspect-sweep.ts
 */
import { readFileSync } from 'node:fs';
import { TIER_GAIN } from '../../utils/text/suspect/tiers';
import { getChecker, isHeldOut, ECSPELL_LABEL_ERRORS } from './suspect';
// Let every suspect through the checker: the threshold is applied below.
TIER_GAIN.list = 2.5;
TIER_GAIN.mark = 2.5;
const ecs = readFileSync(new URL('../../tests/fixtures/ecspell-odw/odw.train.tsv', import.meta.url), 'utf8').trim().split('\n').map((l) => l.split('\t'));
const tune = ecs.filter((r) => !isHeldOut(r[2]));
const c = getChecker();
const falseG: number[] = []; const hitG: number[] = []; let errors = 0;
for (const [n, wrong, right] of tune) {
  const label = Object.keys(ECSPELL_LABEL_ERRORS).some((k) => right.includes(k));
  const on = c.check([right])[0];
  falseG.push(on.length && !label ? Math.max(...on.map((h) => h.gain)) : -1);
  if (n === '0') continue;
  errors++;
  const diffs = new Set([...wrong].map((ch, k) => (ch !== right[k] ? k : -1)).filter((k) => k >= 0));
  const w = c.check([wrong])[0].filter((h) => diffs.has(h.index));
  hitG.push(w.length ? Math.max(...w.map((h) => h.gain)) : -1);
}
for (let t = 3.0; t <= 6.01; t += 0.25) {
  const f = falseG.filter((g) => g >= t).length, r = hitG.filter((g) => g >= t).length;
  console.log(t.toFixed(2), 'recall', (r / errors).toFixed(3), 'false/1000', ((1000 * f) / tune.length).toFixed(2), `(${f})`);
}
