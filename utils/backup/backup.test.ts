// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync, strToU8 } from 'fflate';
import type { Dismissal, Finding, PageRecord, Round, Settings, Site } from '../db/types';
import {
  BACKUP_FORMAT,
  BackupError,
  backupFileName,
  emptyBackupData,
  mergeBackups,
  mergeSites,
  parseBackup,
  parseBackupFile,
  serializeBackup,
  type BackupData,
} from './backup';

const NOW = Date.UTC(2025, 2, 31, 8, 0);

// Property tests: hundreds of generated cases each, CPU-bound, so a loaded machine stretches them
// to several seconds; their own limit keeps them clear of a timeout.
const PROPERTY_TIMEOUT = 30_000;

// Arbitraries ---------------------------------------------------------------------------------

const text = fc.string({ unit: 'grapheme', maxLength: 8 });
const time = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 });
const roundId = fc.constantFrom('2024Q4', '2025Q1', '2025Q2');
const siteIdArb = fc.constantFrom('s1', 's2', 's3', 's4');

const roundArb: fc.Arbitrary<Round> = fc.record({ id: roundId, monitoringDate: fc.constantFrom('2025-03-31', '2025-01-10'), createdAt: time });

const siteArb: fc.Arbitrary<Site> = fc
  .record({
    id: siteIdArb,
    kind: fc.constantFrom('website' as const, 'newmedia' as const),
    name: text,
    hosts: fc.uniqueArray(fc.constantFrom('www.a.gov.cn', 'a.gov.cn', 'b.gov.cn', 'c.gov.cn'), { maxLength: 2 }),
    url: text,
    siteCode: fc.constantFrom('', '6104810043', '6104250035', 'bm55000001'),
    sponsor: text,
    unit: text,
    platform: text,
    onRoster: fc.boolean(),
    rosterIndex: fc.option(fc.nat(100), { nil: undefined }),
    updatedAt: time,
  })
  .map((s) => {
    if (s.rosterIndex === undefined) delete (s as Partial<Site>).rosterIndex;
    return s;
  });

const detailArb = fc.dictionary(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }).filter((k) => k !== '__proto__'),
  fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)), fc.boolean(), fc.constant(null)),
  { maxKeys: 3 },
);

const findingArb: fc.Arbitrary<Finding> = fc.record({
  id: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }),
  fingerprint: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
  roundId,
  siteId: siteIdArb,
  pageUrl: fc.constantFrom('http://www.a.gov.cn/', 'http://b.gov.cn/x.html'),
  pageTitle: text,
  ruleId: fc.constantFrom('typo', 'home-stale', 'manual'),
  source: fc.constantFrom('auto' as const, 'manual' as const),
  severity: fc.constantFrom('veto' as const, 'deduct' as const, 'hint' as const),
  status: fc.constantFrom('open' as const, 'confirmed' as const, 'dismissed' as const, 'fixed' as const),
  review: fc.boolean(),
  message: text,
  category: text,
  quote: fc.option(fc.record({ exact: text, prefix: text, suffix: text }), { nil: null }),
  detail: detailArb,
  note: fc.string({ unit: 'binary', maxLength: 6 }),
  dismissReason: text,
  rectification: text,
  inspector: text,
  createdAt: time,
  updatedAt: time,
  stillPresent: fc.boolean(),
});

const pageArb: fc.Arbitrary<PageRecord> = fc.record({
  url: fc.constantFrom('http://www.a.gov.cn/', 'http://b.gov.cn/x.html'),
  roundId,
  siteId: siteIdArb,
  title: text,
  pageType: fc.constantFrom('home', 'article', 'list'),
  lastScanned: time,
  latestDate: fc.option(fc.constant('2025-03-01'), { nil: null }),
  columns: fc.array(
    fc.record({
      name: text,
      itemCount: fc.nat(50),
      newest: fc.option(fc.constant('2025-02-01'), { nil: null }),
      href: fc.option(fc.constant('/tzgg/'), { nil: null }),
      cls: fc.constantFrom('news', 'notice', 'other'),
    }),
    { maxLength: 2 },
  ),
});

const dismissalArb: fc.Arbitrary<Dismissal> = fc
  .record({ siteId: siteIdArb, ruleId: fc.constantFrom('typo', 'future-date'), quote: text, reason: text, createdAt: time })
  .map((d) => ({ ...d, key: `${d.siteId}|${d.ruleId}|${d.quote}` }));

const settingsArb: fc.Arbitrary<Settings> = fc.record({
  id: fc.constant('settings' as const),
  inspector: text,
  currentRoundId: roundId,
  thresholds: fc.record({ newsDays: fc.nat(400), noticeDays: fc.nat(400), otherDays: fc.nat(400), homeDays: fc.nat(400) }),
  extraLexicon: fc.array(fc.record({ wrong: text, right: text }), { maxLength: 3 }),
  lexiconExceptions: fc.array(text, { maxLength: 3 }),
});

/** A database as the app keeps it: unique keys per table. */
const dataArb: fc.Arbitrary<BackupData> = fc.record({
  rounds: fc.uniqueArray(roundArb, { selector: (r) => r.id, maxLength: 3 }),
  sites: fc.uniqueArray(siteArb, { selector: (s) => s.id, maxLength: 4 }),
  pages: fc.uniqueArray(pageArb, { selector: (p) => p.url, maxLength: 4 }),
  findings: fc
    .uniqueArray(findingArb, { selector: (f) => f.id, maxLength: 8 })
    .map((fs) => fs.map((f, k) => ({ ...f, fingerprint: `${f.fingerprint}#${k}`, updatedAt: Math.max(f.updatedAt, f.createdAt) }))),
  dismissals: fc.uniqueArray(dismissalArb, { selector: (d) => d.key, maxLength: 3 }),
  settings: fc.option(settingsArb, { nil: null }),
  screenshots: fc.option(
    fc.uniqueArray(
      fc.record({ id: fc.constantFrom('p1', 'p2', 'p3'), findingId: text, dataUrl: fc.constant('data:image/jpeg;base64,/9j/'), bytes: fc.nat(), createdAt: time }),
      { selector: (x) => x.id, maxLength: 2 },
    ),
    { nil: undefined },
  ),
}).map((d) => {
  if (d.screenshots === undefined) delete (d as Partial<BackupData>).screenshots;
  return d;
});

function expectBackupError(fn: () => unknown, fragment?: string) {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(BackupError);
  if (fragment) expect((err as Error).message).toContain(fragment);
}

// Round trip and refusal ------------------------------------------------------------------------

describe('serializeBackup / parseBackup', { timeout: PROPERTY_TIMEOUT }, () => {
  it('round-trips any database exactly', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        expect(parseBackup(serializeBackup(data, NOW))).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });

  it('writes a gzip file with the format header and a stable byte output', () => {
    const bytes = serializeBackup(emptyBackupData(), NOW);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const file = parseBackupFile(bytes);
    expect(file.format).toBe(BACKUP_FORMAT);
    expect(file.schemaVersion).toBe(1);
    expect(file.exportedAt).toBe('2025-03-31T08:00:00.000Z');
    expect(serializeBackup(emptyBackupData(), NOW)).toEqual(bytes);
    expect(backupFileName(NOW)).toBe('巡检助手备份-2025-03-31.json.gz');
  });

  it('never accepts random bytes, and fails only with BackupError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expectBackupError(() => parseBackup(bytes));
      }),
      { numRuns: 1000 },
    );
    // Random bytes behind a valid gzip magic number.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const bytes = new Uint8Array([0x1f, 0x8b, 8, 0, ...tail]);
        expectBackupError(() => parseBackup(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('detects any corrupted byte: either refused or exactly the original data', () => {
    fc.assert(
      fc.property(dataArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (data, at, xor) => {
        const bytes = serializeBackup(data, NOW);
        const broken = bytes.slice();
        broken[at % broken.length] ^= xor;
        let parsed: BackupData | undefined;
        try {
          parsed = parseBackup(broken);
        } catch (e) {
          expect(e).toBeInstanceOf(BackupError);
          return;
        }
        // Header bytes such as the gzip timestamp or OS carry no data.
        expect(parsed).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses truncated files', () => {
    const bytes = serializeBackup({ ...emptyBackupData(), rounds: [{ id: '2025Q1', monitoringDate: '2025-03-31', createdAt: 1 }] }, NOW);
    for (const cut of [1, 10, bytes.length - 4, bytes.length - 1]) {
      expectBackupError(() => parseBackup(bytes.slice(0, cut)), '损坏');
    }
  });

  it('refuses foreign and newer files with a clear Chinese message', () => {
    const gz = (o: unknown) => gzipSync(strToU8(JSON.stringify(o)));
    expectBackupError(() => parseBackup(new Uint8Array()), '空的');
    expectBackupError(() => parseBackup(strToU8('序号,网站名称')), '不是有效的JSON');
    expectBackupError(() => parseBackup(gz({ format: 'other-tool', data: {} })), '不是巡检助手的备份文件');
    expectBackupError(
      () => parseBackup(gz({ format: BACKUP_FORMAT, schemaVersion: 2, exportedAt: '', data: emptyBackupData() })),
      '请先升级扩展',
    );
    const bad = { ...emptyBackupData(), findings: [{ id: 'x' }] };
    expectBackupError(
      () => parseBackup(gz({ format: BACKUP_FORMAT, schemaVersion: 1, exportedAt: '', data: bad })),
      'findings[0] 缺少字段',
    );
    const wrongEnum = { ...emptyBackupData(), sites: [{ id: 's', kind: 'app' }] };
    expectBackupError(() => parseBackup(gz({ format: BACKUP_FORMAT, schemaVersion: 1, exportedAt: '', data: wrongEnum })), 'sites[0].kind');
  });

  it('also reads the JSON when someone unpacked the .gz by hand', () => {
    const data = { ...emptyBackupData(), rounds: [{ id: '2025Q1', monitoringDate: '2025-03-31', createdAt: 1 }] };
    const json = strToU8(JSON.stringify({ format: BACKUP_FORMAT, schemaVersion: 1, exportedAt: 'x', data }));
    expect(parseBackup(json)).toEqual(data);
  });
});

// Merging -------------------------------------------------------------------------------------

function site(p: Partial<Site> & Pick<Site, 'id'>): Site {
  return { kind: 'website', name: '', hosts: [], url: '', siteCode: '', sponsor: '', unit: '', platform: '', onRoster: false, updatedAt: 1, ...p };
}

function finding(p: Partial<Finding> & Pick<Finding, 'id'>): Finding {
  return {
    fingerprint: '',
    roundId: '2025Q1',
    siteId: 's1',
    pageUrl: 'http://www.a.gov.cn/',
    pageTitle: '',
    ruleId: 'typo',
    source: 'auto',
    severity: 'deduct',
    status: 'open',
    review: false,
    message: '错别字“按装”',
    category: '错别字',
    quote: { exact: '按装', prefix: '', suffix: '' },
    detail: {},
    note: '',
    dismissReason: '',
    rectification: '',
    inspector: '',
    createdAt: 100,
    updatedAt: 100,
    stillPresent: true,
    ...p,
  };
}

describe('mergeBackups', { timeout: PROPERTY_TIMEOUT }, () => {
  it('is idempotent: merging a database with itself changes nothing', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const { merged, conflicts } = mergeBackups(data, data);
        expect(conflicts).toEqual([]);
        expect(merged).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });

  it('merging into an empty database gives the incoming one', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        expect(mergeBackups(emptyBackupData(), data).merged.findings).toHaveLength(data.findings.length);
      }),
    );
  });

  it('never duplicates, never drops a base finding, and keeps the latest edit', () => {
    fc.assert(
      fc.property(dataArb, dataArb, (a, b) => {
        const { merged } = mergeBackups(a, b);
        const ids = merged.findings.map((f) => f.id);
        expect(new Set(ids).size).toBe(ids.length);
        const fps = merged.findings.map((f) => f.fingerprint).filter(Boolean);
        expect(new Set(fps).size).toBe(fps.length);
        for (const f of a.findings) expect(ids).toContain(f.id);
        expect(new Set(merged.sites.map((s) => s.id)).size).toBe(merged.sites.length);
        expect(new Set(merged.rounds.map((r) => r.id)).size).toBe(merged.rounds.length);
        expect(new Set(merged.pages.map((p) => p.url)).size).toBe(merged.pages.length);
        // Every incoming finding is represented, at an updatedAt no older than its own.
        for (const f of b.findings) {
          // The merge matches by id before fingerprint, so the id match is the one that carries the edit.
          const hit =
            merged.findings.find((m) => m.id === f.id) ??
            merged.findings.find((m) => f.fingerprint && m.fingerprint === f.fingerprint);
          if (hit) expect(hit.updatedAt).toBeGreaterThanOrEqual(f.updatedAt);
        }
        expect(merged.findings.length).toBeLessThanOrEqual(a.findings.length + b.findings.length);
      }),
      { numRuns: 300 },
    );
  });

  it('lets the later edit win and lists both-sided edits as conflicts', () => {
    const base = { ...emptyBackupData(), findings: [finding({ id: 'f1', fingerprint: 'fp1', status: 'confirmed', updatedAt: 200 })] };
    const incoming = {
      ...emptyBackupData(),
      findings: [
        finding({ id: 'other-id', fingerprint: 'fp1', status: 'dismissed', dismissReason: '专有名词', updatedAt: 300 }),
        finding({ id: 'f2', fingerprint: 'fp2', message: '新问题', quote: { exact: '其它', prefix: '', suffix: '' } }),
      ],
    };
    const { merged, conflicts, stats } = mergeBackups(base, incoming);
    expect(merged.findings.map((f) => [f.id, f.status])).toEqual([
      ['f1', 'dismissed'],
      ['f2', 'open'],
    ]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'finding', id: 'f1', fields: ['status'], kept: 'incoming' });
    expect(stats).toMatchObject({ findingsAdded: 1, findingsUpdated: 1 });
  });

  it('takes an edit over an untouched copy without calling it a conflict', () => {
    const base = { ...emptyBackupData(), findings: [finding({ id: 'f1', fingerprint: 'fp1' })] };
    const incoming = { ...emptyBackupData(), findings: [finding({ id: 'f1', fingerprint: 'fp1', status: 'confirmed', updatedAt: 500 })] };
    const { merged, conflicts } = mergeBackups(base, incoming);
    expect(merged.findings[0]!.status).toBe('confirmed');
    expect(conflicts).toEqual([]);
  });

  it('merges sites by 网站标识码 / host and re-points their findings, pages and dismissals', () => {
    const base = {
      ...emptyBackupData(),
      sites: [site({ id: 'web-6104810043', name: '兴平市人民政府', hosts: ['www.xingping.gov.cn'], siteCode: '6104810043', onRoster: true, rosterIndex: 0 })],
      findings: [finding({ id: 'f1', siteId: 'web-6104810043', fingerprint: 'A' })],
    };
    const incoming = {
      ...emptyBackupData(),
      sites: [
        site({ id: 'auto-77', name: '兴平市人民政府网', hosts: ['xingping.gov.cn', 'www.xingping.gov.cn'], updatedAt: 9 }),
        site({ id: 'web-6104810043', name: '另一个站点', hosts: ['other.gov.cn'], siteCode: '6100000001' }),
      ],
      findings: [
        // Same problem found on the other machine under its own site id and fingerprint.
        finding({ id: 'g1', siteId: 'auto-77', fingerprint: 'B' }),
        finding({
          id: 'g2',
          siteId: 'auto-77',
          fingerprint: ['2025Q1', 'auto-77', 'www.xingping.gov.cn/', 'typo', '其它'].join('\u0001'),
          quote: { exact: '其它', prefix: '', suffix: '' },
          screenshotId: 'shot-1',
        }),
      ],
      pages: [{ url: 'http://www.xingping.gov.cn/', roundId: '2025Q1', siteId: 'auto-77', title: '', pageType: 'home', lastScanned: 5, latestDate: null, columns: [] }],
      screenshots: [{ id: 'shot-0', findingId: 'g1', dataUrl: 'data:image/jpeg;base64,', bytes: 0, createdAt: 1 }],
      dismissals: [{ key: 'auto-77\u0001typo\u0001其它', siteId: 'auto-77', ruleId: 'typo', quote: '其它', reason: '', createdAt: 1 }],
    };
    const { merged } = mergeBackups(base, incoming);
    expect(merged.sites.map((s) => s.id)).toEqual(['web-6104810043', 'web-6104810043~2']);
    const xp = merged.sites[0]!;
    expect(xp.hosts).toEqual(['www.xingping.gov.cn', 'xingping.gov.cn']);
    expect(xp.name).toBe('兴平市人民政府网'); // the newer edit
    expect(xp.siteCode).toBe('6104810043');
    expect(xp.onRoster).toBe(true);
    expect(merged.findings.map((f) => [f.id, f.siteId])).toEqual([
      ['f1', 'web-6104810043'],
      ['g2', 'web-6104810043'],
    ]);
    expect(merged.pages[0]!.siteId).toBe('web-6104810043');
    // The next scan computes the fingerprint with the merged site id: it must find this finding.
    expect(merged.findings[1]!.fingerprint).toBe(['2025Q1', 'web-6104810043', 'www.xingping.gov.cn/', 'typo', '其它'].join('\u0001'));
    expect(merged.findings[1]!.screenshotId).toBe('shot-1');
    // Evidence of a finding that merged into a local one follows it.
    expect(merged.screenshots).toEqual([expect.objectContaining({ id: 'shot-0', findingId: 'f1' })]);
    expect(merged.dismissals[0]).toMatchObject({ siteId: 'web-6104810043', key: 'web-6104810043\u0001typo\u0001其它' });
  });

  it('lets an imported roster take over a site created while browsing', () => {
    const browsed = site({ id: 'xingping.gov.cn', name: '兴平市人民政府网', hosts: ['www.xingping.gov.cn', 'xingping.gov.cn'], updatedAt: 5 });
    const other = site({ id: 'liquan.gov.cn', hosts: ['www.liquan.gov.cn'] });
    const roster = [
      site({ id: 'xingping.gov.cn', name: '兴平市人民政府', hosts: ['www.xingping.gov.cn', 'xingping.gov.cn'], siteCode: '6104810043', unit: '兴平市', onRoster: true, rosterIndex: 0, updatedAt: 10 }),
      site({ id: 'nm-抖音-法治礼泉', kind: 'newmedia', name: '法治礼泉', platform: '抖音', onRoster: true, rosterIndex: 1, updatedAt: 10 }),
    ];
    const r = mergeSites([browsed, other], roster);
    expect(r.sites.map((s) => [s.id, s.name, s.onRoster, s.siteCode])).toEqual([
      ['xingping.gov.cn', '兴平市人民政府', true, '6104810043'],
      ['liquan.gov.cn', '', false, ''],
      ['nm-抖音-法治礼泉', '法治礼泉', true, ''],
    ]);
    expect([r.added, r.merged]).toEqual([1, 1]);
  });

  it('keeps the local settings and adds the other lexicon entries', () => {
    const s = (inspector: string, wrong: string): Settings => ({
      id: 'settings',
      inspector,
      currentRoundId: '2025Q1',
      thresholds: { newsDays: 14, noticeDays: 183, otherDays: 365, homeDays: 14 },
      extraLexicon: [{ wrong, right: '安装' }],
      lexiconExceptions: ['按装'],
    });
    const { merged } = mergeBackups({ ...emptyBackupData(), settings: s('张三', '按装') }, { ...emptyBackupData(), settings: s('李四', '暗装') });
    expect(merged.settings!.inspector).toBe('张三');
    expect(merged.settings!.extraLexicon.map((e) => e.wrong)).toEqual(['按装', '暗装']);
    expect(merged.settings!.lexiconExceptions).toEqual(['按装']);
  });

  it('reports a round whose monitoring date differs, keeping the local one', () => {
    const { merged, conflicts } = mergeBackups(
      { ...emptyBackupData(), rounds: [{ id: '2025Q1', monitoringDate: '2025-03-31', createdAt: 5 }] },
      { ...emptyBackupData(), rounds: [{ id: '2025Q1', monitoringDate: '2025-03-20', createdAt: 3 }] },
    );
    expect(merged.rounds).toEqual([{ id: '2025Q1', monitoringDate: '2025-03-31', createdAt: 3 }]);
    expect(conflicts.map((c) => c.kind)).toEqual(['round']);
  });
});
