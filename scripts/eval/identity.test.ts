// @vitest-environment node
import { expect, it } from 'vitest';
import { evalIdentity } from './identity';

it('identity, tampering and interaction rules meet their targets on corpus and fixtures', async () => {
  const { rows } = await evalIdentity();
  const failed = rows.filter((r) => r.pass === false).map((r) => `${r.metric}: ${r.value}`);
  expect(failed).toEqual([]);
  expect(rows.filter((r) => r.pass === true).length).toBeGreaterThan(20);
}, 60_000);
