import { describe, expect, it } from 'vitest';
import { BLANK, HASH_START, MISSING, buildCodeTable, hashOf, hashStep } from './code-table';

const codes = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));

describe('code table', () => {
  const table = buildCodeTable([
    ['编制', 7],
    ['编', -2],
    ['编\0', 3],
    ['人民政府', 11],
  ]);

  it('finds a key by the codes of a slice of a longer text, with the hash folded as it grows', () => {
    const buf = codes('县人民政府编制');
    let h = HASH_START;
    for (let i = 1; i <= 4; i++) h = hashStep(h, buf[i]!);
    expect(table.find(buf, 1, 4, h)).toBe(11);
    expect(table.find(buf, 5, 2, hashOf('编制'))).toBe(7);
    expect(table.find(buf, 5, 1, hashOf('编'))).toBe(-2);
  });

  it('reads a blanked position as the blank code, whatever the buffer holds there', () => {
    const buf = codes('编织');
    const h = hashStep(hashStep(HASH_START, buf[0]!), BLANK);
    expect(table.find(buf, 0, 2, h, 1)).toBe(3);
    expect(table.find(buf, 0, 2, hashOf('编织'))).toBe(MISSING);
  });

  it('a key whose hash matches but whose codes differ is missing', () => {
    const buf = codes('人民正府');
    expect(table.find(buf, 0, 4, hashOf('人民政府'))).toBe(MISSING);
    expect(table.get('人民政府')).toBe(11);
    expect(table.get('政府')).toBe(MISSING);
  });

  it('holds many keys without losing one', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => [`词${i}`, i] as [string, number]);
    const big = buildCodeTable(keys);
    expect(big.size).toBe(5000);
    expect(keys.every(([k, v]) => big.get(k) === v)).toBe(true);
  });
});
