/**
 * A bounded memo of numbers keyed by integers from 0 to 2^53, on typed arrays: a `Map` keyed by
 * numbers beyond 2^31 hashes them slowly, and the language model's callers ask it millions of
 * times per page. Open addressing; emptied at once when 70 % full (the callers' keys come in waves).
 */
export class NumberMemo {
  private readonly keys: Float64Array;
  private readonly values: Float64Array;
  private readonly shift: number;
  private readonly mask: number;
  private used = 0;

  constructor(bits: number) {
    this.keys = new Float64Array(1 << bits).fill(-1);
    this.values = new Float64Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  /** The slot of `key`, or the empty slot where it would go; `hash` is any 32-bit mix of the key. */
  slot(key: number, hash: number): number {
    let slot = hash >>> this.shift;
    for (let k = this.keys[slot]!; k !== key && k !== -1; k = this.keys[slot]!) slot = (slot + 1) & this.mask;
    return slot;
  }

  /** Whether `slot` (from `slot(key)`) holds `key`'s value. */
  has(slot: number, key: number): boolean {
    return this.keys[slot] === key;
  }

  at(slot: number): number {
    return this.values[slot]!;
  }

  /** Keeps `value` for `key` in its `slot` (from `slot(key)`, nothing put since); returns `value`. */
  put(slot: number, key: number, value: number): number {
    if (++this.used > this.keys.length * 0.7) {
      this.keys.fill(-1);
      this.used = 0;
    } else {
      this.keys[slot] = key;
      this.values[slot] = value;
    }
    return value;
  }

  /**
   * The value kept for `key`, or `compute()`'s, kept. (The detector's hot path calls slot/has/put
   * itself: a closure per call, hit or miss, was a good part of its garbage.)
   */
  get(key: number, hash: number, compute: () => number): number {
    const slot = this.slot(key, hash);
    return this.has(slot, key) ? this.at(slot) : this.put(slot, key, compute());
  }
}
