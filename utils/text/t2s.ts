/**
 * Traditional → Simplified, one UTF-16 unit to one, so offsets in the normalised text are
 * offsets in the original and marks land on what the page really shows.
 * Applied only to pages that read as Traditional: several keys (乾, 著, 藉, 瞭…) are also
 * correct Simplified characters and must not be rewritten on Simplified pages.
 */
import { PAIRS } from './t2s-pairs';

let table: Uint16Array | null = null;

function getTable(): Uint16Array {
  if (!table) {
    table = new Uint16Array(65536);
    for (let i = 0; i + 1 < PAIRS.length; i += 2) table[PAIRS.charCodeAt(i)] = PAIRS.charCodeAt(i + 1);
  }
  return table;
}

/** Number of Traditional→Simplified pairs in the map. */
export const T2S_SIZE = PAIRS.length / 2;

/** Char-by-char Traditional → Simplified; the result has exactly the input's length. */
export function toSimplified(text: string): string {
  const t = getTable();
  let changed = false;
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const s = t[c];
    if (s) changed = true;
    codes[i] = s || c;
  }
  if (!changed) return text;
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return out;
}

let simplifiedOnly: Uint8Array | null = null;

/**
 * Whether the text is written in Traditional characters: many characters that only exist in
 * Traditional (keys of the map) and few that only exist in Simplified (values that are not keys).
 */
export function isTraditional(text: string, sample = 4000): boolean {
  const t = getTable();
  if (!simplifiedOnly) {
    simplifiedOnly = new Uint8Array(65536);
    for (let i = 1; i < PAIRS.length; i += 2) simplifiedOnly[PAIRS.charCodeAt(i)] = 1;
    for (let i = 0; i < PAIRS.length; i += 2) simplifiedOnly[PAIRS.charCodeAt(i)] = 0;
  }
  let trad = 0;
  let simp = 0;
  const n = Math.min(text.length, sample);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (t[c]) trad++;
    else if (simplifiedOnly[c]) simp++;
  }
  return trad >= 5 && trad > simp * 3;
}
