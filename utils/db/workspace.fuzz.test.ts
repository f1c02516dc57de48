// @vitest-environment node
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectorDB } from './db';
import * as repo from './repo';
import * as ws from './workspace';
import { importRoster } from '../roster/import';
import { BackupError } from '../backup/backup';
import type { ScanResult } from '../scan/types';
import type { Site } from './types';

/**
 * Property tests at the database boundary: whatever bytes an inspector picks as a roster or a
 * backup, the quarter's data is either fully updated or left exactly as it was, and a refusal
 * says why in Chinese.
 */

const NOW = Date.UTC(2025, 2, 20, 2, 0);
const here = dirname(fileURLToPath(import.meta.url));
const rosterBytes = new Uint8Array(readFileSync(join(here, '../../tests/fixtures/rosters/roster-gbk.csv')));

let db: InspectorDB;
let good: Uint8Array;

const scan = (url: string, exact: string): ScanResult => ({
  url,
  title: '通知_示范县人民政府',
  pageType: 'article',
  findings: [{ ruleId: 'typo', severity: 'deduct', title: '错别字', category: '错别字', message: `“${exact}”应为正确写法`, quote: { exact, prefix: '', suffix: '' }, detail: {}, review: false }],
  columns: [],
  latestDate: null,
  errors: [],
  ms: 1,
});

beforeAll(async () => {
  db = new InspectorDB('ws-fuzz');
  await repo.getSettings(db, NOW);
  await repo.saveScan(db, scan('http://www.sfx.gov.cn/a.html', '按步就班'), NOW);
  await repo.saveScan(db, scan('http://www.other.gov.cn/b.html', '再接再励'), NOW);
  good = await ws.exportBackup(db, NOW);
});
afterAll(async () => {
  await db.delete();
});

/** Everything an inspector would lose, as comparable JSON. */
async function snapshot(): Promise<string> {
  const all = await ws.readAll(db);
  const sort = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
  return JSON.stringify({
    ...all,
    rounds: sort(all.rounds, (r) => r.id),
    sites: sort(all.sites, (s) => s.id),
    pages: sort(all.pages, (p) => p.url),
    findings: sort(all.findings, (f) => f.id),
    dismissals: sort(all.dismissals, (d) => d.key),
  });
}

/** Random bytes, or the real file with a few bytes flipped, cut, or spliced. */
function mangled(base: () => Uint8Array) {
  const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 });
  return fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    flips.map((fl) => {
      const b = base().slice();
      for (const [at, v] of fl) b[at % b.length] = v;
      return b;
    }),
    fc.nat().map((cut) => base().slice(0, cut % base().length)),
    fc.uint8Array({ maxLength: 40 }).map((junk) => new Uint8Array([...base().slice(0, 30), ...junk, ...base().slice(30)])),
  );
}

const isChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

// Property tests: hundreds of generated cases each, CPU-bound, so a loaded machine stretches them
// to several seconds; their own limit keeps them clear of a timeout.
const PROPERTY_TIMEOUT = 30_000;

describe('backup import (fuzz, database level)', { timeout: PROPERTY_TIMEOUT }, () => {
  it('refuses random or corrupted bytes with a Chinese message and changes nothing', async () => {
    const before = await snapshot();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mangled(() => good), fc.constantFrom('merge' as const, 'replace' as const), async (bytes, mode) => {
        const outcome = await ws.restoreBackups(db, [{ name: '坏文件.json.gz', bytes }], mode).then(
          () => null,
          (e: unknown) => e,
        );
        if (outcome === null) {
          // A harmless change (e.g. a gzip header byte) may still read: then the data must be the original.
          expect(await snapshot()).toBe(before);
          return;
        }
        refused++;
        expect(outcome).toBeInstanceOf(BackupError);
        expect(isChinese((outcome as Error).message)).toBe(true);
        expect((outcome as Error).message).toContain('未做任何更改');
        expect(await snapshot()).toBe(before);
      }),
      { numRuns: 150 },
    );
    expect(refused).toBeGreaterThan(100);
  });
});

describe('roster import (fuzz, database level)', { timeout: PROPERTY_TIMEOUT }, () => {
  it('never throws on bytes, and applying the result adds exactly its sites', async () => {
    await fc.assert(
      fc.asyncProperty(mangled(() => rosterBytes), async (bytes) => {
        const parsed = importRoster(bytes, { now: NOW });
        for (const e of parsed.errors) expect(isChinese(e.message)).toBe(true);
        const before = await db.sites.count();
        const other = new InspectorDB(`ws-fuzz-roster-${Math.random()}`);
        try {
          await ws.applyRoster(other, parsed.sites, NOW);
          const stored = await other.sites.toArray();
          // Every valid row landed, once, on the roster; nothing else appeared.
          expect(stored.length).toBeLessThanOrEqual(parsed.sites.length);
          expect(stored.every((s) => s.onRoster)).toBe(true);
          for (const s of parsed.sites) expect(stored.some((x) => x.hosts.some((h) => s.hosts.includes(h)) || x.id === s.id)).toBe(true);
        } finally {
          await other.delete();
        }
        expect(await db.sites.count()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });

  it('a storage fault at any write leaves the database exactly as it was (never half-imported)', async () => {
    const parsed = importRoster(rosterBytes, { now: NOW });
    expect(parsed.sites.length).toBeGreaterThan(1);
    const before = await snapshot();
    const bulkPut = db.sites.bulkPut.bind(db.sites);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: parsed.sites.length }), async (failAt) => {
        // The write fails after failAt - 1 rows have gone in (storage full mid-import).
        db.sites.bulkPut = (async (rows: Site[]) => {
          await bulkPut(rows.slice(0, failAt - 1));
          throw Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
        }) as unknown as typeof bulkPut;
        try {
          await expect(ws.applyRoster(db, parsed.sites, NOW)).rejects.toThrow();
        } finally {
          db.sites.bulkPut = bulkPut;
        }
        expect(await snapshot()).toBe(before);
      }),
      { numRuns: 20 },
    );
  });
});
