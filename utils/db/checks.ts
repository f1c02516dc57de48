import type { InspectorDB } from './db';
import type { Finding } from './types';
import type { CheckCandidate, CheckRule } from '../scan/check-rule';
import { createFinding, currentRound, getSettings, siteForUrl } from './repo';
import { dismissalKey, fingerprintOf, hash, normaliseUrl } from './keys';
import type { MonitorPlan, MonitorTarget, MonitorWindow, ProbeRecord } from '../availability/plan';
import { summarise } from '../availability/summary';
import { rule as siteUnreachable } from '../scan/rules/site-unreachable';

/**
 * The availability monitor's and link checker's side of the database: monitoring windows, the
 * probe log, and the findings their check rules raise (stored like any other finding, so they
 * reach the lists, the verdict and the sheets).
 */

export async function runningWindow(db: InspectorDB): Promise<MonitorWindow | undefined> {
  return db.monitorWindows.where('state').equals('running').first();
}

/** The newest window (running or not), for the dashboard. */
export async function latestWindow(db: InspectorDB): Promise<MonitorWindow | undefined> {
  return (await db.monitorWindows.toArray()).sort((a, b) => b.startedAt - a.startedAt)[0];
}

/** Start a window for the round's roster; refused while another one runs. */
export async function startWindow(db: InspectorDB, plan: MonitorPlan, targets: MonitorTarget[], now = Date.now()): Promise<MonitorWindow> {
  if (!targets.length) throw new Error('名单中没有可监测的网站首页，请先在“网站名单”中导入');
  return db.transaction('rw', [db.monitorWindows, db.settings, db.rounds], async () => {
    if (await runningWindow(db)) throw new Error('已有一个监测窗口在运行，请先停止它');
    const round = await currentRound(db, now);
    const w: MonitorWindow = { id: `mw_${hash(String(now) + round.id)}`, roundId: round.id, startedAt: now, plan, targets, state: 'running', endedAt: null };
    await db.monitorWindows.put(w);
    return w;
  });
}

export async function endWindow(db: InspectorDB, id: string, state: 'stopped' | 'finished', now = Date.now()): Promise<void> {
  await db.monitorWindows.where('id').equals(id).filter((w) => w.state === 'running').modify({ state, endedAt: now });
}

/** Record one slot; a slot already recorded keeps its first record (written once). */
export async function recordProbes(db: InspectorDB, records: ProbeRecord[]): Promise<void> {
  if (!records.length) return;
  await db.transaction('rw', db.probes, async () => {
    const keys = records.map((r) => [r.windowId, r.host, r.slot] as [string, string, number]);
    const existing = await db.probes.bulkGet(keys);
    const fresh = records.filter((_, i) => !existing[i]);
    if (fresh.length) await db.probes.bulkAdd(fresh);
  });
}

export async function windowProbes(db: InspectorDB, windowId: string): Promise<ProbeRecord[]> {
  return db.probes.where('windowId').equals(windowId).toArray();
}

/**
 * Store what a check rule found for one page of a site, in the current round: new findings
 * added, known ones refreshed (the inspector's verdict and wording kept), dismissed ones stay
 * away, and this rule's earlier findings on the page that it no longer raises are marked not
 * present — the same contract as a page scan, for one rule.
 */
export async function saveCheckFindings(
  db: InspectorDB,
  rule: CheckRule<never>,
  page: { url: string; title: string; roundId?: string },
  candidates: CheckCandidate[],
  now = Date.now(),
  /** false for a run stopped half-way: what it found is added, nothing it did not reach is retired. */
  retire = true,
): Promise<Finding[]> {
  return db.transaction('rw', [db.settings, db.rounds, db.sites, db.findings, db.dismissals], async () => {
    const roundId = page.roundId ?? (await currentRound(db, now)).id;
    const site = await siteForUrl(db, page.url, page.title, now);
    const inspector = (await getSettings(db, now)).inspector;
    const pageUrl = normaliseUrl(page.url);
    const existing = await db.findings.where('pageUrl').equals(pageUrl).filter((f) => f.roundId === roundId && f.ruleId === rule.meta.id).toArray();
    const byFp = new Map(existing.map((f) => [f.fingerprint, f]));
    const dismissed = new Set((await db.dismissals.where('siteId').equals(site.id).primaryKeys()) as string[]);
    const seen = new Set<string>();
    const writes: Finding[] = [];
    for (const c of candidates) {
      const fp = fingerprintOf({ roundId, siteId: site.id, pageUrl, ruleId: rule.meta.id, quote: null, message: c.key });
      if (seen.has(fp)) continue;
      seen.add(fp);
      const quote = c.quote ? (c.textQuote ?? { exact: c.quote, prefix: '', suffix: '' }) : null;
      const detail = c.detail ?? {};
      const old = byFp.get(fp);
      if (old) {
        writes.push({ ...old, detail, quote: quote ?? old.quote, stillPresent: true, updatedAt: now });
      } else if (!dismissed.has(dismissalKey(site.id, rule.meta.id, c.quote ?? c.message))) {
        writes.push(
          createFinding(
            {
              id: `f_${hash(fp)}`,
              fingerprint: fp,
              roundId,
              siteId: site.id,
              pageUrl,
              pageTitle: page.title,
              ruleId: rule.meta.id,
              source: 'auto',
              severity: c.severity ?? rule.meta.severity,
              status: 'open',
              review: c.review ?? false,
              message: c.message,
              category: rule.meta.category,
              quote,
              detail,
            },
            inspector,
            now,
          ),
        );
      }
    }
    for (const old of existing) if (retire && !seen.has(old.fingerprint) && old.stillPresent) writes.push({ ...old, stillPresent: false, updatedAt: now });
    await db.findings.bulkPut(writes);
    return writes;
  });
}

/**
 * A window ended: each site's verdict becomes a 站点无法访问 finding on its home page (or retires
 * an earlier one), in the window's round. Sites sharing a probed host each get their own.
 */
export async function saveWindowVerdicts(db: InspectorDB, w: MonitorWindow, now = Date.now()): Promise<number> {
  const summaries = summarise(w, await windowProbes(db, w.id), now);
  let raised = 0;
  for (const s of summaries) {
    if (s.verdict === null) continue;
    const candidates = siteUnreachable.check(s);
    raised += candidates.length;
    for (const siteId of s.siteIds) {
      const site = await db.sites.get(siteId);
      await saveCheckFindings(db, siteUnreachable as CheckRule<never>, { url: site?.url || s.url, title: site?.name ?? s.name, roundId: w.roundId }, candidates, now);
    }
  }
  return raised;
}
