/**
 * A read-only string → integer table looked up by UTF-16 codes in a buffer, without making the
 * string. The detector asks it hundreds of thousands of times per page for short slices of the
 * text (and of the text with one character swapped or blanked); as `Map<string, …>` keys those
 * slices cost a string each, which made string building and garbage collection most of its time.
 *
 * Open addressing over a power-of-two slot array; each entry keeps its codes in one shared pool, so
 * a hit is verified code by code (the hash only narrows the search).
 */

/** Code standing for the blank position of a key (`\0` in the keys handed to `build`). */
export const BLANK = 0;
/** What `find` returns for a key the table does not hold. */
export const MISSING = -2147483648;

/** FNV-1a over UTF-16 codes, one step per code: hashes of longer prefixes extend shorter ones. */
export const HASH_START = 0x811c9dc5;
export const hashStep = (h: number, code: number): number => Math.imul(h ^ code, 0x01000193);

export interface CodeTable {
  readonly size: number;
  /**
   * Value of the key made of `buf[from .. from+len)`, `hash` being hashStep's fold of those codes;
   * the position `blankAt` (absolute, or -1) reads as BLANK. MISSING when absent.
   */
  find(buf: Uint16Array, from: number, len: number, hash: number, blankAt?: number): number;
  /** The same for a string key (tests, and the few look-ups made once per table). */
  get(key: string): number;
}

export function hashOf(key: string): number {
  let h = HASH_START;
  for (let i = 0; i < key.length; i++) h = hashStep(h, key.charCodeAt(i));
  return h;
}

export function buildCodeTable(entries: Iterable<[string, number]>): CodeTable {
  const list = Array.from(entries);
  let bits = 4;
  while (1 << bits < list.length * 2) bits++;
  const mask = (1 << bits) - 1;
  const slots = new Int32Array(1 << bits); // entry index + 1; 0 = empty
  const n = list.length;
  const hashes = new Int32Array(n);
  const starts = new Int32Array(n);
  const lens = new Uint8Array(n);
  const values = new Int32Array(n);
  let poolSize = 0;
  for (const [k] of list) poolSize += k.length;
  const pool = new Uint16Array(poolSize);
  let at = 0;
  list.forEach(([key, value], e) => {
    if (key.length > 255) throw new RangeError('key longer than 255 code units');
    const h = hashOf(key);
    hashes[e] = h;
    starts[e] = at;
    lens[e] = key.length;
    values[e] = value;
    for (let i = 0; i < key.length; i++) pool[at++] = key.charCodeAt(i);
    let slot = (h >>> 0) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = e + 1;
  });

  const find = (buf: Uint16Array, from: number, len: number, hash: number, blankAt = -1): number => {
    let slot = (hash >>> 0) & mask;
    for (;;) {
      const e = slots[slot]! - 1;
      if (e < 0) return MISSING;
      if (hashes[e] === hash && lens[e] === len) {
        const s = starts[e]!;
        let i = 0;
        for (; i < len; i++) {
          const code = from + i === blankAt ? BLANK : buf[from + i];
          if (pool[s + i] !== code) break;
        }
        if (i === len) return values[e]!;
      }
      slot = (slot + 1) & mask;
    }
  };

  return {
    size: n,
    find,
    get(key) {
      const buf = new Uint16Array(key.length);
      for (let i = 0; i < key.length; i++) buf[i] = key.charCodeAt(i);
      return find(buf, 0, key.length, hashOf(key));
    },
  };
}
