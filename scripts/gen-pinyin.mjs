// Regenerates the readings tables (pinyin without tones, grouped by syllable) from pinyin-pro (MIT):
// - utils/text/pinyin.json: the 3,755 level-1 GB2312 characters (the common ones an input method
//   offers first). The near-miss check of official names uses it to tell a homophone slip
//   (人民正府 for 人民政府) from an ordinary different word.
// - utils/text/suspect/readings.json: all 6,763 GB2312 characters (levels 1 and 2), for the
//   suspected-typo check's same-reading and fuzzy-reading candidates (shipped with the language
//   model in the offscreen document, never in the content script).
// Run: node scripts/gen-pinyin.mjs
import { writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';

const gb = new TextDecoder('gbk');

/** GB2312 rows 0xb0..lastRow (0xd7: level 1; 0xf7: levels 1 and 2), grouped by syllable. */
function readings(lastRow) {
  const bySyllable = new Map();
  for (let hi = 0xb0; hi <= lastRow; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = gb.decode(new Uint8Array([hi, lo]));
      if (!/^[\u4e00-\u9fa5]$/.test(ch)) continue;
      const set = new Set(pinyin(ch, { toneType: 'none', multiple: true, type: 'array', v: true }));
      for (const r of set) bySyllable.set(r, (bySyllable.get(r) ?? '') + ch);
    }
  }
  return Object.fromEntries([...bySyllable].sort(([a], [b]) => (a < b ? -1 : 1)));
}

for (const [file, lastRow, what] of [
  ['utils/text/pinyin.json', 0xd7, 'GB2312 level-1 characters'],
  ['utils/text/suspect/readings.json', 0xf7, 'GB2312 levels 1 and 2'],
]) {
  const table = readings(lastRow);
  writeFileSync(file, JSON.stringify({ source: `pinyin-pro 3.29.4 (MIT), ${what}, readings without tones; scripts/gen-pinyin.mjs`, table }) + '\n');
  console.log(file, Object.keys(table).length, 'syllables', Object.values(table).join('').length, 'readings');
}
