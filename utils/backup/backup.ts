/**
 * Backup files: the whole database as gzip'd JSON, read back only when it is provably ours and
 * intact, and merged with another inspector's backup without duplicates.
 *
 * fflate's synchronous gzip rather than CompressionStream: the same code runs in the service
 * worker, the dashboard and Node tests, output is byte-identical for the same input (mtime 0),
 * and errors surface as exceptions instead of stream rejections.
 */
import { validCorrection, type ColumnCorrection } from '../scan/corrections';
import { gunzipSync, gzipSync } from 'fflate';
import type { Dismissal, Finding, PageRecord, Round, Screenshot, Settings, Site } from '../db/types';
import { dismissalKey, withFingerprintPart } from '../db/keys';
import { chinaDate } from '../rounds';

export const BACKUP_FORMAT = 'gov-site-inspector-backup';
export const BACKUP_SCHEMA_VERSION = 1;
/** Refuse to inflate more than this (a 50,000-finding database is a few tens of MB). */
const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

export interface BackupData {
  rounds: Round[];
  sites: Site[];
  pages: PageRecord[];
  findings: Finding[];
  dismissals: Dismissal[];
  settings: Settings | null;
  /** Evidence screenshots (schema v2 of the database); absent in backups made without them. */
  screenshots?: Screenshot[];
  /** Column-map corrections per site; absent in older backups. */
  columnCorrections?: ColumnCorrection[];
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  data: BackupData;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export function emptyBackupData(): BackupData {
  return { rounds: [], sites: [], pages: [], findings: [], dismissals: [], settings: null };
}

export function serializeBackup(data: BackupData, now: number = Date.now()): Uint8Array {
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    exportedAt: new Date(now).toISOString(),
    data,
  };
  return gzipSync(new TextEncoder().encode(JSON.stringify(file)), { level: 6, mtime: 0 });
}

/** '巡检助手备份-2025-03-31.json.gz' (date in UTC+8). */
export function backupFileName(now: number): string {
  return `巡检助手备份-${chinaDate(now)}.json.gz`;
}

// ---------------------------------------------------------------------------------------------
// Reading

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function readU32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** Inflates and checks the gzip trailer (fflate does not verify the CRC itself). */
function gunzipChecked(bytes: Uint8Array): Uint8Array {
  const broken = new BackupError('备份文件已损坏（解压失败），可能下载不完整或被修改过');
  if (bytes.length < 18 || bytes[2] !== 8) throw broken;
  const expectedCrc = readU32le(bytes, bytes.length - 8);
  const expectedSize = readU32le(bytes, bytes.length - 4);
  if (expectedSize > MAX_INFLATED_BYTES) throw broken;
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes);
  } catch {
    throw broken;
  }
  if (out.length % 2 ** 32 !== expectedSize || crc32(out) !== expectedCrc) throw broken;
  return out;
}

type Spec =
  | 'string'
  | 'number'
  | 'boolean'
  | 'detail'
  | { enum: readonly string[] }
  | { array: Spec }
  | { nullable: Spec }
  | { optional: Spec }
  | { object: Record<string, Spec> };

const QUOTE: Spec = { object: { exact: 'string', prefix: 'string', suffix: 'string' } };

const SPECS = {
  round: { object: { id: 'string', monitoringDate: 'string', createdAt: 'number' } },
  site: {
    object: {
      id: 'string',
      kind: { enum: ['website', 'newmedia'] },
      name: 'string',
      hosts: { array: 'string' },
      url: 'string',
      siteCode: 'string',
      sponsor: 'string',
      unit: 'string',
      platform: 'string',
      onRoster: 'boolean',
      rosterIndex: { optional: 'number' },
      updatedAt: 'number',
    },
  },
  page: {
    object: {
      url: 'string',
      roundId: 'string',
      siteId: 'string',
      title: 'string',
      pageType: 'string',
      lastScanned: 'number',
      latestDate: { nullable: 'string' },
      columns: {
        array: {
          object: {
            name: 'string',
            itemCount: 'number',
            newest: { nullable: 'string' },
            href: { nullable: 'string' },
            cls: 'string',
          },
        },
      },
    },
  },
  finding: {
    object: {
      id: 'string',
      fingerprint: 'string',
      roundId: 'string',
      siteId: 'string',
      pageUrl: 'string',
      pageTitle: 'string',
      ruleId: 'string',
      source: { enum: ['auto', 'manual'] },
      severity: { enum: ['veto', 'deduct', 'hint'] },
      status: { enum: ['open', 'confirmed', 'dismissed', 'fixed'] },
      review: 'boolean',
      message: 'string',
      category: 'string',
      quote: { nullable: QUOTE },
      detail: 'detail',
      note: 'string',
      dismissReason: 'string',
      rectification: 'string',
      inspector: 'string',
      createdAt: 'number',
      updatedAt: 'number',
      stillPresent: 'boolean',
      screenshotId: { optional: { nullable: 'string' } },
    },
  },
  screenshot: {
    object: { id: 'string', findingId: 'string', dataUrl: 'string', bytes: 'number', createdAt: 'number' },
  },
  dismissal: {
    object: {
      key: 'string',
      siteId: 'string',
      ruleId: 'string',
      quote: 'string',
      reason: 'string',
      createdAt: 'number',
    },
  },
  settings: {
    object: {
      id: { enum: ['settings'] },
      inspector: 'string',
      currentRoundId: 'string',
      thresholds: { object: { newsDays: 'number', noticeDays: 'number', otherDays: 'number', homeDays: 'number' } },
      extraLexicon: { array: { object: { wrong: 'string', right: 'string' } } },
      lexiconExceptions: { array: 'string' },
    },
  },
} satisfies Record<string, Spec>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Fast structural check; `check` below re-walks a failing table to say where. */
function valid(v: unknown, spec: Spec): boolean {
  if (spec === 'string') return typeof v === 'string';
  if (spec === 'number') return typeof v === 'number' && Number.isFinite(v);
  if (spec === 'boolean') return typeof v === 'boolean';
  if (spec === 'detail') {
    if (!isPlainObject(v)) return false;
    for (const k in v) {
      const x = v[k];
      if (x !== null && typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') return false;
    }
    return true;
  }
  if ('enum' in spec) return typeof v === 'string' && spec.enum.includes(v);
  if ('array' in spec) {
    if (!Array.isArray(v)) return false;
    for (let k = 0; k < v.length; k++) if (!valid(v[k], spec.array)) return false;
    return true;
  }
  if ('nullable' in spec) return v === null || valid(v, spec.nullable);
  if ('optional' in spec) return v === undefined || valid(v, spec.optional);
  if (!isPlainObject(v)) return false;
  for (const k in spec.object) {
    const s = spec.object[k]!;
    if (!(k in v) && !(typeof s === 'object' && 'optional' in s)) return false;
    if (!valid(v[k], s)) return false;
  }
  return true;
}

/**
 * Checks a decoded record against its type. Unknown extra fields are kept: a newer build of the
 * same schema version may add optional fields, and dropping them would lose data silently.
 */
function check(v: unknown, spec: Spec, path: string): void {
  const bad = (what: string) => new BackupError(`备份文件内容不符合格式：${path} ${what}`);
  if (spec === 'string') {
    if (typeof v !== 'string') throw bad('应为文本');
  } else if (spec === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw bad('应为数字');
  } else if (spec === 'boolean') {
    if (typeof v !== 'boolean') throw bad('应为是/否');
  } else if (spec === 'detail') {
    if (!isPlainObject(v)) throw bad('应为对象');
    for (const [k, x] of Object.entries(v)) {
      if (x !== null && typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') {
        throw new BackupError(`备份文件内容不符合格式：${path}.${k} 类型不对`);
      }
    }
  } else if ('enum' in spec) {
    if (typeof v !== 'string' || !spec.enum.includes(v)) throw bad(`应为 ${spec.enum.join('/')} 之一`);
  } else if ('array' in spec) {
    if (!Array.isArray(v)) throw bad('应为列表');
    v.forEach((x, k) => check(x, spec.array, `${path}[${k}]`));
  } else if ('nullable' in spec) {
    if (v !== null) check(v, spec.nullable, path);
  } else if ('optional' in spec) {
    if (v !== undefined) check(v, spec.optional, path);
  } else {
    if (!isPlainObject(v)) throw bad('应为对象');
    for (const [k, s] of Object.entries(spec.object)) {
      if (!(k in v) && !(typeof s === 'object' && 'optional' in s)) {
        throw new BackupError(`备份文件内容不符合格式：${path} 缺少字段 ${k}`);
      }
      check(v[k], s, `${path}.${k}`);
    }
  }
}

/** The whole file with its header; see parseBackup for the data alone. */
export function parseBackupFile(bytes: Uint8Array): BackupFile {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new BackupError('备份文件是空的');
  // A gzip backup, or its JSON unpacked by hand (a browser or archiver may have done that).
  const gzip = bytes[0] === 0x1f && (bytes.length < 2 || bytes[1] === 0x8b);
  const json = gzip ? gunzipChecked(bytes) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    throw new BackupError('这不是巡检助手的备份文件（无法识别的文件内容）');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new BackupError('这不是巡检助手的备份文件（内容不是有效的JSON）');
  }
  if (!isPlainObject(parsed) || parsed.format !== BACKUP_FORMAT) {
    throw new BackupError('这不是巡检助手的备份文件（格式标记不符）');
  }
  const version = parsed.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BackupError('备份文件的版本号无效');
  }
  if (version > BACKUP_SCHEMA_VERSION) {
    throw new BackupError(`备份文件来自更新版本的巡检助手（数据版本 ${version}），请先升级扩展再恢复`);
  }
  if (typeof parsed.exportedAt !== 'string') throw new BackupError('备份文件缺少导出时间');
  const data = parsed.data;
  if (!isPlainObject(data)) throw new BackupError('备份文件缺少数据部分');
  const tables: [string, Spec][] = [
    ['rounds', { array: SPECS.round }],
    ['sites', { array: SPECS.site }],
    ['pages', { array: SPECS.page }],
    ['findings', { array: SPECS.finding }],
    ['dismissals', { array: SPECS.dismissal }],
    ['settings', { nullable: SPECS.settings }],
    ['screenshots', { optional: { array: SPECS.screenshot } }],
    ['columnCorrections', { optional: { array: 'detail' } }],
  ];
  for (const [name, spec] of tables) {
    if (!valid(data[name], spec)) {
      check(data[name], spec, name);
      throw new BackupError(`备份文件内容不符合格式：${name}`);
    }
  }
  if (Array.isArray(data.columnCorrections) && !data.columnCorrections.every(validCorrection)) {
    throw new BackupError('备份文件内容不符合格式：columnCorrections');
  }
  return parsed as unknown as BackupFile;
}

/** Data of a backup file; throws BackupError (Chinese message) for anything not ours or broken. */
export function parseBackup(bytes: Uint8Array): BackupData {
  return parseBackupFile(bytes).data;
}

// ---------------------------------------------------------------------------------------------
// Merging

export interface MergeConflict {
  kind: 'finding' | 'site' | 'round';
  /** Id of the record in the merged data. */
  id: string;
  fields: string[];
  base: Finding | Site | Round;
  incoming: Finding | Site | Round;
  kept: 'base' | 'incoming';
}

export interface MergeStats {
  findingsAdded: number;
  findingsUpdated: number;
  sitesAdded: number;
  sitesMerged: number;
}

export interface MergeResult {
  merged: BackupData;
  conflicts: MergeConflict[];
  stats: MergeStats;
}

/** Same site under the same id? Guards against two machines' ids colliding by chance. */
function sitesRelated(a: Site, b: Site): boolean {
  if (a.kind !== b.kind) return false;
  if (a.siteCode && a.siteCode === b.siteCode) return true;
  if (a.hosts.some((h) => b.hosts.includes(h))) return true;
  return a.name === b.name;
}

function codesConflict(a: Site, b: Site): boolean {
  return a.siteCode !== '' && b.siteCode !== '' && a.siteCode !== b.siteCode;
}

function mergeSite(base: Site, inc: Site): Site {
  const incomingNewer = inc.updatedAt > base.updatedAt;
  const [newer, older] = incomingNewer ? [inc, base] : [base, inc];
  const pick = (k: 'name' | 'url' | 'siteCode' | 'sponsor' | 'unit' | 'platform') => newer[k] || older[k];
  const hosts = [...base.hosts];
  for (const h of inc.hosts) if (!hosts.includes(h)) hosts.push(h);
  const out: Site = {
    ...older,
    ...newer,
    id: base.id,
    name: pick('name'),
    url: pick('url'),
    siteCode: pick('siteCode'),
    sponsor: pick('sponsor'),
    unit: pick('unit'),
    platform: pick('platform'),
    hosts,
    onRoster: base.onRoster || inc.onRoster,
    updatedAt: Math.max(base.updatedAt, inc.updatedAt),
  };
  const rosterIndex = newer.rosterIndex ?? older.rosterIndex;
  if (rosterIndex === undefined) delete out.rosterIndex;
  else out.rosterIndex = rosterIndex;
  return out;
}

export interface SiteMerge {
  sites: Site[];
  /** Incoming site id → id in `sites` (differs when merged into another site or renamed). */
  remap: Map<string, string>;
  conflicts: MergeConflict[];
  added: number;
  merged: number;
}

/**
 * Site lists merged by id, 网站标识码, host (websites) or platform + name (new media). Also what a
 * roster import should go through: imported sites then take over the sites created on the fly
 * for the same hosts, and `remap` says which findings to re-point.
 */
export function mergeSites(base: Site[], incoming: Site[]): SiteMerge {
  const sites = base.map((s) => ({ ...s, hosts: [...s.hosts] }));
  const conflicts: MergeConflict[] = [];
  const remap = new Map<string, string>();
  let added = 0;
  let merged = 0;
  const index = new Map<string, number>(); // id:, code:, host:, nm: → position in sites
  const indexSite = (k: number) => {
    const s = sites[k]!;
    index.set(`id:${s.id}`, k);
    if (s.siteCode && !index.has(`code:${s.kind}:${s.siteCode}`)) index.set(`code:${s.kind}:${s.siteCode}`, k);
    if (s.kind === 'website') for (const h of s.hosts) if (!index.has(`host:${h}`)) index.set(`host:${h}`, k);
    if (s.kind === 'newmedia' && !index.has(`nm:${s.platform}\u0000${s.name}`)) index.set(`nm:${s.platform}\u0000${s.name}`, k);
  };
  sites.forEach((_, k) => indexSite(k));

  for (const s of incoming) {
    let k = index.get(`id:${s.id}`);
    if (k !== undefined && !sitesRelated(sites[k]!, s)) k = undefined;
    if (k === undefined && s.siteCode) k = index.get(`code:${s.kind}:${s.siteCode}`);
    if (k === undefined && s.kind === 'website') {
      for (const h of s.hosts) {
        const hit = index.get(`host:${h}`);
        // Two sites with different 网站标识码 on one host are sub-sites of a portal, not one site.
        if (hit !== undefined && !codesConflict(sites[hit]!, s)) {
          k = hit;
          break;
        }
      }
    }
    if (k === undefined && s.kind === 'newmedia') k = index.get(`nm:${s.platform}\u0000${s.name}`);
    if (k !== undefined) {
      const mine = sites[k]!;
      if (codesConflict(mine, s)) {
        conflicts.push({
          kind: 'site',
          id: mine.id,
          fields: ['siteCode'],
          base: mine,
          incoming: s,
          kept: s.updatedAt > mine.updatedAt ? 'incoming' : 'base',
        });
      }
      sites[k] = mergeSite(mine, s);
      remap.set(s.id, mine.id);
      merged += 1;
      indexSite(k);
    } else {
      // An id taken by an unrelated site on the other machine gets a fresh one.
      let id = s.id;
      for (let n = 2; index.has(`id:${id}`); n++) id = `${s.id}~${n}`;
      remap.set(s.id, id);
      sites.push({ ...s, id, hosts: [...s.hosts] });
      added += 1;
      indexSite(sites.length - 1);
    }
  }
  return { sites, remap, conflicts, added, merged };
}

/**
 * Fingerprints embed the site id (utils/db/keys.ts). When a site is re-pointed the stored
 * fingerprint must follow, or the next scan would not recognise the finding and create a duplicate.
 */
function remapFingerprint(fp: string, from: string, to: string): string {
  return fp.split('\u0001')[1] === from ? withFingerprintPart(fp, 1, to) : fp;
}

function findingKey(f: Finding): string | null {
  // Auto findings of the same page, rule and quote are the same finding even when two
  // machines computed their fingerprints differently.
  if (f.source !== 'auto') return null;
  return [f.roundId, f.siteId, f.pageUrl, f.ruleId, f.quote?.exact ?? `#${f.message}`].join('\u0000');
}

/** Was the record changed after it was created (status, wording, note…)? */
function edited(f: Finding): boolean {
  return f.updatedAt > f.createdAt;
}

/**
 * Merges another backup into `base` (the local database). Records are matched by id, then by
 * natural key (site: 网站标识码 / host / platform+name; finding: fingerprint, then page+rule+quote);
 * the later edit (updatedAt) wins; a finding that both sides edited to a different status or
 * wording is listed as a conflict (the later edit is still kept, so the merge never blocks).
 * Nothing is dropped: findings whose site or round is missing are kept, as orphans.
 */
export function mergeBackups(base: BackupData, incoming: BackupData): MergeResult {
  const conflicts: MergeConflict[] = [];
  const stats: MergeStats = { findingsAdded: 0, findingsUpdated: 0, sitesAdded: 0, sitesMerged: 0 };

  // Rounds ------------------------------------------------------------------------------------
  const rounds = base.rounds.map((r) => ({ ...r }));
  const roundById = new Map(rounds.map((r, k) => [r.id, k]));
  for (const r of incoming.rounds) {
    const k = roundById.get(r.id);
    if (k === undefined) {
      roundById.set(r.id, rounds.length);
      rounds.push({ ...r });
      continue;
    }
    const mine = rounds[k]!;
    if (mine.monitoringDate !== r.monitoringDate) {
      conflicts.push({ kind: 'round', id: r.id, fields: ['monitoringDate'], base: mine, incoming: r, kept: 'base' });
    }
    rounds[k] = { ...mine, createdAt: Math.min(mine.createdAt, r.createdAt) };
  }

  // Sites -------------------------------------------------------------------------------------
  const siteMerge = mergeSites(base.sites, incoming.sites);
  conflicts.push(...siteMerge.conflicts);
  stats.sitesAdded = siteMerge.added;
  stats.sitesMerged = siteMerge.merged;
  const mapSite = (id: string) => siteMerge.remap.get(id) ?? id;

  // Findings ----------------------------------------------------------------------------------
  const findings = base.findings.map((f) => ({ ...f }));
  const findingIndex = new Map<string, number>();
  // The natural key matches findings of two machines; findings of one file are told apart by
  // their ids and fingerprints alone (two of them may share a key after an edit of the message).
  const indexFinding = (k: number, byKey = true) => {
    const f = findings[k]!;
    findingIndex.set(`id:${f.id}`, k);
    if (f.fingerprint && !findingIndex.has(`fp:${f.fingerprint}`)) findingIndex.set(`fp:${f.fingerprint}`, k);
    const key = byKey ? findingKey(f) : null;
    if (key && !findingIndex.has(`key:${key}`)) findingIndex.set(`key:${key}`, k);
  };
  findings.forEach((_, k) => indexFinding(k));
  const findingRemap = new Map<string, string>();
  for (const raw of incoming.findings) {
    const siteId = mapSite(raw.siteId);
    const f: Finding = { ...raw, siteId, fingerprint: remapFingerprint(raw.fingerprint, raw.siteId, siteId) };
    const key = findingKey(f);
    const k =
      findingIndex.get(`id:${f.id}`) ??
      (f.fingerprint ? findingIndex.get(`fp:${f.fingerprint}`) : undefined) ??
      (key ? findingIndex.get(`key:${key}`) : undefined);
    if (k === undefined) {
      findings.push(f);
      findingRemap.set(raw.id, f.id);
      stats.findingsAdded += 1;
      indexFinding(findings.length - 1, false);
      continue;
    }
    const mine = findings[k]!;
    findingRemap.set(raw.id, mine.id);
    const incomingWins = f.updatedAt > mine.updatedAt;
    const fields = (['status', 'message'] as const).filter((name) => mine[name] !== f[name]);
    if (fields.length > 0 && edited(mine) && edited(f)) {
      conflicts.push({
        kind: 'finding',
        id: mine.id,
        fields: [...fields],
        base: mine,
        incoming: raw,
        kept: incomingWins ? 'incoming' : 'base',
      });
    }
    if (incomingWins) {
      const merged: Finding = {
        ...f,
        id: mine.id,
        fingerprint: mine.fingerprint || f.fingerprint,
        createdAt: Math.min(mine.createdAt, f.createdAt),
      };
      // Keep the local evidence when the newer edit carries none.
      if (!merged.screenshotId && mine.screenshotId) merged.screenshotId = mine.screenshotId;
      findings[k] = merged;
      stats.findingsUpdated += 1;
      indexFinding(k);
    }
  }

  // Pages: one record per normalised url (the pages table's primary key) ----------------------
  const pages = base.pages.map((p) => ({ ...p }));
  const pageIndex = new Map(pages.map((p, k) => [p.url, k]));
  for (const raw of incoming.pages) {
    const p = { ...raw, siteId: mapSite(raw.siteId) };
    const k = pageIndex.get(p.url);
    if (k === undefined) {
      pageIndex.set(p.url, pages.length);
      pages.push(p);
    } else if (p.lastScanned > pages[k]!.lastScanned) {
      pages[k] = p;
    }
  }

  // Dismissals --------------------------------------------------------------------------------
  const dismissals = base.dismissals.map((d) => ({ ...d }));
  const dismissalKeys = new Set<string>();
  for (const d of dismissals) {
    dismissalKeys.add(`key:${d.key}`);
    dismissalKeys.add(`nat:${d.siteId}\u0000${d.ruleId}\u0000${d.quote}`);
  }
  for (const raw of incoming.dismissals) {
    const siteId = mapSite(raw.siteId);
    const key = siteId !== raw.siteId ? dismissalKey(siteId, raw.ruleId, raw.quote) : raw.key;
    const nat = `nat:${siteId}\u0000${raw.ruleId}\u0000${raw.quote}`;
    if (dismissalKeys.has(`key:${key}`) || dismissalKeys.has(nat)) continue;
    dismissalKeys.add(`key:${key}`);
    dismissalKeys.add(nat);
    dismissals.push({ ...raw, siteId, key });
  }

  // Settings: the local inspector's own, with the other's lexicon additions ------------------
  let settings: Settings | null = base.settings ? cloneSettings(base.settings) : null;
  if (!settings && incoming.settings) settings = cloneSettings(incoming.settings);
  else if (settings && incoming.settings) {
    for (const e of incoming.settings.extraLexicon) {
      if (!settings.extraLexicon.some((x) => x.wrong === e.wrong && x.right === e.right)) {
        settings.extraLexicon.push({ ...e });
      }
    }
    for (const w of incoming.settings.lexiconExceptions) {
      if (!settings.lexiconExceptions.includes(w)) settings.lexiconExceptions.push(w);
    }
  }

  const merged: BackupData = { rounds, sites: siteMerge.sites, pages, findings, dismissals, settings };

  // Screenshots: union by id, following merged findings -------------------------------------
  if (base.screenshots || incoming.screenshots) {
    const shots = (base.screenshots ?? []).map((x) => ({ ...x }));
    const ids = new Set(shots.map((x) => x.id));
    for (const x of incoming.screenshots ?? []) {
      if (ids.has(x.id)) continue;
      ids.add(x.id);
      shots.push({ ...x, findingId: findingRemap.get(x.findingId) ?? x.findingId });
    }
    merged.screenshots = shots;
  }

  // Column corrections: one per site and block; the later edit wins -------------------------
  if (base.columnCorrections || incoming.columnCorrections) {
    const byId = new Map((base.columnCorrections ?? []).map((c) => [c.id, { ...c }]));
    for (const c of incoming.columnCorrections ?? []) {
      const prev = byId.get(c.id);
      if (!prev || c.updatedAt > prev.updatedAt) byId.set(c.id, { ...c });
    }
    merged.columnCorrections = Array.from(byId.values());
  }

  return { merged, conflicts, stats };
}

function cloneSettings(s: Settings): Settings {
  return {
    ...s,
    thresholds: { ...s.thresholds },
    extraLexicon: s.extraLexicon.map((e) => ({ ...e })),
    lexiconExceptions: [...s.lexiconExceptions],
  };
}
