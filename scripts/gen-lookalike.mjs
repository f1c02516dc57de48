// Regenerates utils/text/suspect/lookalike.json: pairs of GB2312 characters whose glyphs look alike
// (己/已, 拨/拔, 侯/候…), for the suspected-typo check's look-alike candidates. Each character is
// drawn in Noto Serif CJK SC (the Song style of government pages; package fonts-noto-cjk) on a
// headless Chromium canvas; glyphs are compared as 48×48 bitmaps by overlap with one pixel of
// tolerance (Dice coefficient of each glyph against the other's dilation). Kept: pairs at or above
// MIN_SIMILARITY, at most MAX_PER_CHAR per character, best first.
// Run: node scripts/gen-lookalike.mjs   (needs /usr/bin/chromium and fonts-noto-cjk)
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, assertBrowser } from './lib/browser.mjs';

const SIZE = 48;
const MIN_SIMILARITY = 0.8;
const MAX_PER_CHAR = 6;

const gb = new TextDecoder('gbk');
const chars = [];
for (let hi = 0xb0; hi <= 0xf7; hi++) {
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    const ch = gb.decode(new Uint8Array([hi, lo]));
    if (/^[\u4e00-\u9fa5]$/.test(ch)) chars.push(ch);
  }
}

assertBrowser();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.setContent('<canvas width="48" height="48"></canvas>');
const bitmaps = await page.evaluate(
  async ({ chars, size }) => {
    await document.fonts.load(`${size * 0.9}px "Noto Serif CJK SC"`, chars.join(''));
    const ctx = document.querySelector('canvas').getContext('2d', { willReadFrequently: true });
    ctx.font = `${size * 0.9}px "Noto Serif CJK SC"`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const out = [];
    for (const ch of chars) {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, size, size);
      ctx.fillStyle = '#000';
      ctx.fillText(ch, size / 2, size / 2);
      const data = ctx.getImageData(0, 0, size, size).data;
      let bits = '';
      for (let i = 0; i < size * size; i++) bits += data[i * 4] < 128 ? '1' : '0';
      out.push(bits);
    }
    return out;
  },
  { chars, size: SIZE },
);
await browser.close();

// Bit sets as Uint32 words; a dilation by one pixel (8-neighbourhood) for tolerance.
const WORDS = (SIZE * SIZE) / 32;
const toWords = (bits) => {
  const w = new Uint32Array(WORDS);
  for (let i = 0; i < bits.length; i++) if (bits[i] === '1') w[i >> 5] |= 1 << (i & 31);
  return w;
};
const dilate = (bits) => {
  const out = [...bits];
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      if (bits[y * SIZE + x] !== '1') continue;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy, xx = x + dx;
          if (yy >= 0 && yy < SIZE && xx >= 0 && xx < SIZE) out[yy * SIZE + xx] = '1';
        }
    }
  return out.join('');
};
const pop = (n) => {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};
const plain = bitmaps.map(toWords);
const wide = bitmaps.map((b) => toWords(dilate(b)));
const ink = plain.map((w) => w.reduce((s, x) => s + pop(x), 0));

const best = chars.map(() => []);
for (let a = 0; a < chars.length; a++) {
  for (let b = a + 1; b < chars.length; b++) {
    // Cheap reject: very different amounts of ink cannot look alike.
    if (Math.min(ink[a], ink[b]) < 0.75 * Math.max(ink[a], ink[b])) continue;
    let ab = 0, ba = 0;
    for (let k = 0; k < WORDS; k++) {
      ab += pop(plain[a][k] & wide[b][k]);
      ba += pop(plain[b][k] & wide[a][k]);
    }
    const sim = (ab + ba) / (ink[a] + ink[b]);
    if (sim >= MIN_SIMILARITY) {
      best[a].push([b, sim]);
      best[b].push([a, sim]);
    }
  }
}
const table = {};
let pairs = 0;
for (let a = 0; a < chars.length; a++) {
  const top = best[a].sort((x, y) => y[1] - x[1]).slice(0, MAX_PER_CHAR);
  if (!top.length) continue;
  table[chars[a]] = top.map(([b]) => chars[b]).join('');
  pairs += top.length;
}
writeFileSync(
  'utils/text/suspect/lookalike.json',
  JSON.stringify({
    source: `glyph bitmaps of Noto Serif CJK SC (SIL OFL 1.1) drawn ${SIZE}×${SIZE} in Chromium; Dice overlap with 1 px tolerance ≥ ${MIN_SIMILARITY}, ≤ ${MAX_PER_CHAR} per character; scripts/gen-lookalike.mjs`,
    table,
  }) + '\n',
);
console.log(chars.length, 'characters,', Object.keys(table).length, 'with look-alikes,', pairs, 'links');
