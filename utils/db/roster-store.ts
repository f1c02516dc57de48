/** Roster: part of the quarter's workspace (see workspace.ts). */
import type { InspectorDB } from './db';
import type { Finding, Site, SiteKind } from './types';
import { dismissalKey, withFingerprintPart } from './keys';
import { checkSiteCode, cleanName, parseRosterUrl } from '../roster/import';

export interface RosterApplyResult {
  added: number;
  updated: number;
  /** Pages and findings of sites visited before they were on the roster, now linked to it. */
  relinkedPages: number;
  relinkedFindings: number;
}

/** Sites may only enter the database whole: a name, and hosts for a website. */
function assertValidSite(s: Site): void {
  if (!s.name.trim()) throw new Error(`名单中有缺少名称的记录（${s.id}），未导入任何记录`);
  if (s.kind === 'website' && s.hosts.length === 0) throw new Error(`“${s.name}”缺少网址，未导入任何记录`);
  if (s.kind === 'newmedia' && !s.platform.trim()) throw new Error(`“${s.name}”缺少平台，未导入任何记录`);
}

/**
 * Pages, findings and dismissals of on-the-fly sites (created when a page was visited before
 * the site was on the roster) move to the roster site that now lists their host. Fingerprints
 * carry the site id, so they are rewritten: the next scan then finds the moved findings instead
 * of duplicating them. Runs inside the caller's transaction.
 */
async function relinkHosts(db: InspectorDB, target: Site, others: Site[]): Promise<{ pages: number; findings: number }> {
  let pages = 0;
  let findings = 0;
  const taken = new Set((await db.findings.where('siteId').equals(target.id).toArray()).map((f) => f.fingerprint));
  for (const other of others) {
    const movedPages = await db.pages.where('siteId').equals(other.id).toArray();
    await db.pages.bulkPut(movedPages.map((p) => ({ ...p, siteId: target.id })));
    pages += movedPages.length;

    const moving = await db.findings.where('siteId').equals(other.id).toArray();
    const keep: Finding[] = [];
    const drop: string[] = [];
    for (const f of moving) {
      const fingerprint = withFingerprintPart(f.fingerprint, 1, target.id);
      if (taken.has(fingerprint)) drop.push(f.id);
      else {
        taken.add(fingerprint);
        keep.push({ ...f, siteId: target.id, fingerprint });
      }
    }
    await db.findings.bulkDelete(drop);
    await db.findings.bulkPut(keep);
    findings += keep.length;

    const dismissals = await db.dismissals.where('siteId').equals(other.id).toArray();
    await db.dismissals.bulkDelete(dismissals.map((d) => d.key));
    await db.dismissals.bulkPut(
      dismissals.map((d) => ({ ...d, siteId: target.id, key: dismissalKey(target.id, d.ruleId, d.quote) })),
    );
    await db.sites.delete(other.id);
  }
  return { pages, findings };
}

/**
 * The roster site an incoming row stands for: same id, else a roster site of the same kind with
 * a shared host (websites) or the same platform and name (accounts). Indexed by id, host and
 * account so that matching a row costs the same whatever the roster's size (a quadratic scan
 * took 27 s for 10,000 rows).
 */
export class SiteIndex {
  private byId = new Map<string, Site>();
  private byHost = new Map<string, Site>();
  private byAccount = new Map<string, Site>();

  constructor(sites: Site[]) {
    for (const s of sites) this.put(s);
  }

  match(s: Site): Site | undefined {
    const byId = this.byId.get(s.id);
    if (byId) return byId;
    if (s.kind === 'website') {
      for (const h of s.hosts) {
        const hit = this.byHost.get(h);
        if (hit && this.byId.get(hit.id) === hit) return hit;
      }
      return undefined;
    }
    return this.byAccount.get(accountKey(s));
  }

  /** Add or replace a site; the first roster site to list a host keeps it, as a scan in order would. */
  put(s: Site): void {
    this.byId.set(s.id, s);
    if (!s.onRoster) return;
    if (s.kind === 'website') {
      for (const h of s.hosts) {
        const held = this.byHost.get(h);
        if (!held || held.id === s.id || this.byId.get(held.id) !== held) this.byHost.set(h, s);
      }
    } else if (!this.byAccount.has(accountKey(s)) || this.byAccount.get(accountKey(s))!.id === s.id) {
      this.byAccount.set(accountKey(s), s);
    }
  }
}

const accountKey = (s: Site) => `${s.platform}\u0000${s.name}`;

/** How many rows are written per step of an import, between progress reports. */
const ROSTER_CHUNK = 5000;

/**
 * Imports the valid rows of a roster in one transaction: every site is written, or none is
 * (any failure aborts and rolls back). Re-importing the same roster updates in place. Linear in
 * the roster's size; `onProgress(done, total)` reports the rows written so far.
 */
export async function applyRoster(
  db: InspectorDB,
  incoming: Site[],
  now = Date.now(),
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<RosterApplyResult> {
  for (const s of incoming) assertValidSite(s);
  return db.transaction('rw', [db.sites, db.pages, db.findings, db.dismissals], async () => {
    const result: RosterApplyResult = { added: 0, updated: 0, relinkedPages: 0, relinkedFindings: 0 };
    const existing = await db.sites.toArray();
    const index = new SiteIndex(existing);
    const written = new Map<string, Site>();
    for (const s of incoming) {
      const old = index.match(s);
      let site: Site;
      if (old) {
        site = { ...old, ...s, id: old.id, hosts: Array.from(new Set([...s.hosts, ...old.hosts])), onRoster: true, updatedAt: now };
        if (old.latestPost !== undefined && s.latestPost === undefined) site.latestPost = old.latestPost;
        result.updated += 1;
      } else {
        site = { ...s, onRoster: true, updatedAt: now };
        result.added += 1;
      }
      index.put(site);
      written.set(site.id, site);
    }
    const rows = Array.from(written.values());
    for (let i = 0; i < rows.length; i += ROSTER_CHUNK) {
      await db.sites.bulkPut(rows.slice(i, i + ROSTER_CHUNK));
      onProgress(Math.min(i + ROSTER_CHUNK, rows.length), rows.length);
    }
    // Sites created on the fly for a host a roster website now lists: one pass over them, not
    // one query per roster row.
    const owner = new Map<string, Site>();
    for (const site of rows) if (site.kind === 'website') for (const h of site.hosts) if (!owner.has(h)) owner.set(h, site);
    const moves = new Map<string, { target: Site; others: Site[] }>();
    for (const other of existing) {
      if (other.onRoster || written.has(other.id)) continue;
      const target = other.hosts.map((h) => owner.get(h)).find((t) => t !== undefined);
      if (!target) continue;
      const move = moves.get(target.id) ?? { target, others: [] };
      move.others.push(other);
      moves.set(target.id, move);
    }
    for (const { target, others } of moves.values()) {
      const moved = await relinkHosts(db, target, others);
      result.relinkedPages += moved.pages;
      result.relinkedFindings += moved.findings;
    }
    return result;
  });
}

/** A site as typed into the dashboard form. */
export interface SiteInput {
  id?: string;
  kind: SiteKind;
  name: string;
  /** One or several addresses (space, comma, 、 or ; separated): every host belongs to the site. */
  urls: string;
  siteCode: string;
  sponsor: string;
  unit: string;
  platform: string;
}

export function siteFromInput(input: SiteInput, existing: Site | undefined, now: number): { ok: true; site: Site } | { ok: false; message: string } {
  const name = cleanName(input.name);
  if (!name) return { ok: false, message: input.kind === 'newmedia' ? '请填写账号名称' : '请填写网站名称' };
  const base = {
    kind: input.kind,
    name,
    sponsor: cleanName(input.sponsor),
    unit: cleanName(input.unit),
    onRoster: true,
    updatedAt: now,
    rosterIndex: existing?.rosterIndex,
  };
  if (input.kind === 'website') {
    const url = parseRosterUrl(input.urls);
    if (!url.ok) return { ok: false, message: url.message };
    const code = checkSiteCode(input.siteCode);
    if (!code.ok) return { ok: false, message: code.message };
    const id = existing?.id ?? input.id ?? url.value.id;
    return { ok: true, site: { ...existing, ...base, id, hosts: url.value.hosts, url: url.value.url, siteCode: code.value, platform: '' } };
  }
  const platform = cleanName(input.platform);
  if (!platform) return { ok: false, message: '请选择平台' };
  const id = existing?.id ?? input.id ?? `nm-${platform}-${name}`;
  return { ok: true, site: { ...existing, ...base, id, hosts: [], url: input.urls.trim(), siteCode: '', platform } };
}

/** Add or edit one site by hand; a new host links pages visited under it. */
export async function saveSite(db: InspectorDB, input: SiteInput, now = Date.now()): Promise<Site> {
  const existing = input.id ? await db.sites.get(input.id) : undefined;
  const made = siteFromInput(input, existing, now);
  if (!made.ok) throw new Error(made.message);
  const site = made.site;
  if (site.rosterIndex === undefined) {
    const all = await db.sites.toArray();
    site.rosterIndex = all.reduce((m, s) => (s.onRoster && s.rosterIndex !== undefined ? Math.max(m, s.rosterIndex) : m), -1) + 1;
  }
  await db.transaction('rw', [db.sites, db.pages, db.findings, db.dismissals], async () => {
    if (!existing && (await db.sites.get(site.id))?.onRoster) throw new Error(`名单中已有“${site.name}”（${site.id}）`);
    await db.sites.put(site);
    if (site.kind === 'website' && site.hosts.length) {
      const others = (await db.sites.where('hosts').anyOf(site.hosts).toArray()).filter((s) => s.id !== site.id && !s.onRoster);
      await relinkHosts(db, site, others);
    }
  });
  return site;
}

/** Off the roster (its pages and findings stay, as an unlisted site). */
export async function removeFromRoster(db: InspectorDB, siteId: string, now = Date.now()): Promise<void> {
  await db.sites.update(siteId, { onRoster: false, updatedAt: now });
}
