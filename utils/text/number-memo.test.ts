// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { NumberMemo } from './number-memo';

describe('NumberMemo', () => {
  it('computes a key once, and keys beyond 2^31 (colliding hashes included) keep their own values', () => {
    const memo = new NumberMemo(4);
    let calls = 0;
    const big = 2 ** 40 + 7;
    expect(memo.get(big, 1, () => (calls++, -1.5))).toBe(-1.5);
    expect(memo.get(big, 1, () => (calls++, 9))).toBe(-1.5);
    expect(memo.get(3, 1, () => (calls++, 2))).toBe(2); // same hash, other key
    expect(memo.get(big, 1, () => (calls++, 9))).toBe(-1.5);
    expect(calls).toBe(2);
  });

  it('empties itself when full and still answers every key right', () => {
    const memo = new NumberMemo(4);
    for (let round = 0; round < 3; round++) for (let k = 0; k < 40; k++) expect(memo.get(k, Math.imul(k, 0x9e3779b1), () => k / 2)).toBe(k / 2);
  });
});
