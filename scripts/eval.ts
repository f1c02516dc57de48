/**
 * Precision/recall of the checks against labelled pages: `npm run eval`
 * (npx tsx scripts/eval.ts). Each section lives in scripts/eval/<name>.ts and
 * returns rows; add a section by adding one entry to SECTIONS.
 */
import type { Row, Section } from './eval/types';
import { evalFreshness } from './eval/freshness';
import { evalIdentity } from './eval/identity';
import { evalText } from './eval/text';
import { evalSuspect } from './eval/suspect';
import { evalLayouts } from './eval/layouts';

const SECTIONS: { section: string; run: () => Promise<Row[]> }[] = [
  { section: 'freshness (home-stale, column-stale, blank-column, dates)', run: evalFreshness },
  { section: 'freshness on generated layout families (column found with newest date, blankness, year certainty)', run: evalLayouts },
  { section: 'identity and tampering', run: async () => (await evalIdentity()).rows },
  { section: 'text (typo, leader-name, official-name, outdated-name, doc-number-brackets, unbalanced-punctuation)', run: async () => (await evalText()).rows },
  { section: 'suspected-typo (offline word-trigram model, tiers mark / list)', run: evalSuspect },
];

function format(s: Section): string {
  const lines = [`\n== ${s.section} ==`];
  for (const r of s.rows) {
    const mark = r.pass === undefined ? '  ' : r.pass ? '✓ ' : '✗ ';
    lines.push(`${mark}${r.metric}: ${r.value}${r.target ? `  (target ${r.target})` : ''}`);
  }
  return lines.join('\n');
}

/** Exit 1 only when a section could not run; missed targets are printed (✗) and summarised. */
async function main(): Promise<void> {
  let failed = false;
  const missed: string[] = [];
  for (const { section, run } of SECTIONS) {
    try {
      const rows = await run();
      console.log(format({ section, rows }));
      for (const r of rows) if (r.pass === false) missed.push(`${section}: ${r.metric}`);
    } catch (e) {
      failed = true;
      console.log(`\n== ${section} ==\n✗ section failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  console.log(missed.length ? `\nTargets missed (${missed.length}):\n- ${missed.join('\n- ')}` : '\nAll targets met.');
  process.exitCode = failed ? 1 : 0;
}

void main();
