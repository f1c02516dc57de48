/**
 * Multi-pattern matcher: Aho–Corasick over UTF-16 code units.
 *
 * Why hand-written: the design notes measured a generic npm Aho–Corasick at ~11 MB/s on
 * Chinese text while a flat-array automaton over code units reached ~100 MB/s. Code units
 * (not code points) keep offsets identical to String indices, so quotes slice directly.
 *
 * Layout: the root's transitions are a dense 64K table (most steps in Chinese text start
 * at the root); every other transition lives in one open-addressing hash table keyed by
 * (state, code unit). Characters that occur in no pattern reset to the root without lookup.
 */

export interface Match {
  /** Start offset (UTF-16 code units) in the text. */
  start: number;
  /** End offset, exclusive. */
  end: number;
  /** Index of the pattern in the array given to buildMatcher. */
  patternIndex: number;
}

export interface Matcher {
  /** All matches, overlapping ones included, ordered by end offset then by length (longest first). */
  match(text: string): Match[];
  /** Calls back for each match without allocating result objects (for hot loops and benchmarks). */
  forEach(text: string, cb: (start: number, end: number, patternIndex: number) => void): void;
}

export function buildMatcher(patterns: readonly string[]): Matcher {
  // --- trie build with Maps (build time only) ---
  const children: Map<number, number>[] = [new Map()];
  const depth: number[] = [0];
  const terminal: number[][] = [[]];
  for (let p = 0; p < patterns.length; p++) {
    const pat = patterns[p];
    if (!pat) continue;
    let s = 0;
    for (let i = 0; i < pat.length; i++) {
      const c = pat.charCodeAt(i);
      let next = children[s].get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        depth.push(depth[s] + 1);
        terminal.push([]);
        children[s].set(c, next);
      }
      s = next;
    }
    terminal[s].push(p);
  }
  const n = children.length;

  // --- failure links (BFS) and dictionary links ---
  const fail = new Int32Array(n);
  const dict = new Int32Array(n).fill(-1); // nearest proper suffix state that ends a pattern
  const order: number[] = [];
  for (const [, child] of children[0]) {
    fail[child] = 0;
    order.push(child);
  }
  for (let qi = 0; qi < order.length; qi++) {
    const s = order[qi];
    for (const [c, child] of children[s]) {
      let f = fail[s];
      while (f !== 0 && !children[f].has(c)) f = fail[f];
      const g = children[f].get(c);
      fail[child] = g !== undefined && g !== child ? g : 0;
      order.push(child);
    }
    const f = fail[s];
    dict[s] = terminal[f].length ? f : dict[f];
  }

  // --- compile to flat arrays ---
  const rootGoto = new Int32Array(65536);
  const inAlphabet = new Uint8Array(65536);
  let edges = 0;
  for (let s = 0; s < n; s++) {
    for (const [c, child] of children[s]) {
      inAlphabet[c] = 1;
      if (s === 0) rootGoto[c] = child;
      else edges++;
    }
  }
  let size = 16;
  while (size < edges * 2) size <<= 1;
  const mask = size - 1;
  const hState = new Int32Array(size).fill(-1);
  const hChar = new Uint16Array(size);
  const hNext = new Int32Array(size);
  for (let s = 1; s < n; s++) {
    for (const [c, child] of children[s]) {
      let h = hash(s, c) & mask;
      while (hState[h] !== -1) h = (h + 1) & mask;
      hState[h] = s;
      hChar[h] = c;
      hNext[h] = child;
    }
  }
  // Terminal pattern lists flattened: termStart[s]..termStart[s+1].
  const termStart = new Int32Array(n + 1);
  const termList: number[] = [];
  for (let s = 0; s < n; s++) {
    termStart[s] = termList.length;
    // Longest first at one end offset: the state's own pattern is the longest.
    for (const p of terminal[s]) termList.push(p);
  }
  termStart[n] = termList.length;
  const terms = Int32Array.from(termList);
  const hasOut = new Uint8Array(n);
  for (let s = 0; s < n; s++) hasOut[s] = terminal[s].length || dict[s] >= 0 ? 1 : 0;
  const depthArr = Int32Array.from(depth);

  const step = (s: number, c: number): number => {
    while (s !== 0) {
      let h = hash(s, c) & mask;
      for (;;) {
        const hs = hState[h];
        if (hs === -1) break;
        if (hs === s && hChar[h] === c) return hNext[h];
        h = (h + 1) & mask;
      }
      s = fail[s];
    }
    return rootGoto[c];
  };

  const forEach = (text: string, cb: (start: number, end: number, patternIndex: number) => void) => {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inAlphabet[c] === 0) {
        s = 0;
        continue;
      }
      s = step(s, c);
      if (hasOut[s] === 0) continue;
      for (let t = s; t >= 0; t = dict[t]) {
        const end = i + 1;
        const start = end - depthArr[t];
        for (let k = termStart[t]; k < termStart[t + 1]; k++) cb(start, end, terms[k]);
      }
    }
  };

  return {
    forEach,
    match(text: string): Match[] {
      const out: Match[] = [];
      forEach(text, (start, end, patternIndex) => out.push({ start, end, patternIndex }));
      return out;
    },
  };
}

function hash(s: number, c: number): number {
  return Math.imul(s, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b);
}

/** Longest match first at each place, no overlaps: 国家工商行政管理总局 is one name, not 工商 + 管理局. */
export function longestNonOverlapping<T extends { start: number; end: number }>(hits: T[]): T[] {
  if (hits.length < 2) return hits;
  const sorted = hits.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const out: T[] = [];
  let lastEnd = -1;
  for (const h of sorted) {
    if (h.start >= lastEnd) {
      out.push(h);
      lastEnd = h.end;
    }
  }
  return out;
}
