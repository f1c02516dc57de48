/**
 * Precision/recall of the checks against labelled pages: `npm run eval`
 * (npx tsx scripts/eval.ts). Each section lives in scripts/eval/<name>.ts and
 * returns rows; add a section by adding one entry to SECTIONS.
 */
import type { Row, Section } from './eval/types';
import { evalFreshness } from './eval/freshness';

const SECTIONS: { section: string; run: () => Promise<Row[]> }[] = [
  { section: 'freshness', run: evalFreshness },
];

function format(s: Section): string {
  const lines = [`\n== ${s.section} ==`];
  for (const r of s.rows) {
    const mark = r.pass === undefined ? '  ' : r.pass ? '✓ ' : '✗ ';
    lines.push(`${mark}${r.metric}: ${r.value}${r.target ? `  (target ${r.target})` : ''}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  let failed = false;
  for (const { section, run } of SECTIONS) {
    try {
      const rows = await run();
      console.log(format({ section, rows }));
      if (rows.some((r) => r.pass === false)) failed = true;
    } catch (e) {
      failed = true;
      console.log(`\n== ${section} ==\n✗ section failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
