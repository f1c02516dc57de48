// Regenerates utils/text/suspect/readings.json: the readings (pinyin without tones) of all 6,763
// GB2312 characters, grouped by syllable, from pinyin-pro (MIT). The suspected-typo check draws
// its same-reading and fuzzy-reading candidates from it; only the generated table ships, and only
// with the language model (never in the content script).
// Run: node scripts/gen-readings.mjs
import { writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';

const gb = new TextDecoder('gbk');
const bySyllable = new Map();
for (let hi = 0xb0; hi <= 0xf7; hi++) {
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    const ch = gb.decode(new Uint8Array([hi, lo]));
    if (!/^[\u4e00-\u9fa5]$/.test(ch)) continue;
    const readings = new Set(pinyin(ch, { toneType: 'none', multiple: true, type: 'array', v: true }));
    for (const r of readings) bySyllable.set(r, (bySyllable.get(r) ?? '') + ch);
  }
}
const table = Object.fromEntries([...bySyllable].sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(
  'utils/text/suspect/readings.json',
  JSON.stringify({ source: 'pinyin-pro 3.29.4 (MIT), GB2312 levels 1 and 2, readings without tones; scripts/gen-readings.mjs', table }) + '\n',
);
console.log(Object.keys(table).length, 'syllables', Object.values(table).join('').length, 'readings');
