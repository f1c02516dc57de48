// Regenerates utils/text/pinyin.json: the readings (pinyin without tones) of the 3,755 level-1
// GB2312 characters (the common ones an input method offers first), grouped by syllable, from
// pinyin-pro (MIT). The near-miss check of official names uses it to tell a homophone slip
// (人民正府 for 人民政府) from an ordinary different word.
// Run: node scripts/gen-pinyin.mjs
import { writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';

const gb = new TextDecoder('gbk');
const bySyllable = new Map();
for (let hi = 0xb0; hi <= 0xd7; hi++) {
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    const ch = gb.decode(new Uint8Array([hi, lo]));
    if (!/^[\u4e00-\u9fa5]$/.test(ch)) continue;
    const readings = new Set(pinyin(ch, { toneType: 'none', multiple: true, type: 'array', v: true }));
    for (const r of readings) bySyllable.set(r, (bySyllable.get(r) ?? '') + ch);
  }
}
const table = Object.fromEntries([...bySyllable].sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync('utils/text/pinyin.json', JSON.stringify({ source: 'pinyin-pro 3.29.4 (MIT), GB2312 level-1 characters, readings without tones; scripts/gen-pinyin.mjs', table }) + '\n');
console.log(Object.keys(table).length, 'syllables', Object.values(table).join('').length, 'readings');
