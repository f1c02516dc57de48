/**
 * Traditional → Simplified, one UTF-16 unit to one, so offsets in the normalised text are
 * offsets in the original and marks land on what the page really shows.
 * Applied only to pages that read as Traditional: several keys (乾, 著, 藉, 瞭…) are also
 * correct Simplified characters and must not be rewritten on Simplified pages.
 * The pairs (t2s-pairs.ts, 18 KB) are handed in: the background sends them to the content script
 * with the scan context (NameData.t2s) instead of bundling them there.
 */

export interface T2s {
  /** Number of Traditional→Simplified pairs in the map. */
  readonly size: number;
  /** Char-by-char Traditional → Simplified; the result has exactly the input's length. */
  toSimplified(text: string): string;
  /**
   * Whether the text is written in Traditional characters: many characters that only exist in
   * Traditional (keys of the map) and few that only exist in Simplified (values that are not keys).
   */
  isTraditional(text: string, sample?: number): boolean;
}

let cached: { pairs: string; t2s: T2s } | null = null;

/** The converter for `pairs` (PAIRS[2i] → PAIRS[2i + 1]); built once per pairs string. */
export function t2sOf(pairs: string): T2s {
  if (cached?.pairs === pairs) return cached.t2s;
  const table = new Uint16Array(65536);
  for (let i = 0; i + 1 < pairs.length; i += 2) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  const simplifiedOnly = new Uint8Array(65536);
  for (let i = 1; i < pairs.length; i += 2) simplifiedOnly[pairs.charCodeAt(i)] = 1;
  for (let i = 0; i < pairs.length; i += 2) simplifiedOnly[pairs.charCodeAt(i)] = 0;
  const t2s: T2s = {
    size: Math.floor(pairs.length / 2),
    toSimplified(text) {
      let changed = false;
      const codes = new Array<number>(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const s = table[c];
        if (s) changed = true;
        codes[i] = s || c;
      }
      if (!changed) return text;
      let out = '';
      for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
      return out;
    },
    isTraditional(text, sample = 4000) {
      let trad = 0;
      let simp = 0;
      const n = Math.min(text.length, sample);
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (table[c]) trad++;
        else if (simplifiedOnly[c]) simp++;
      }
      return trad >= 5 && trad > simp * 3;
    },
  };
  cached = { pairs, t2s };
  return t2s;
}
