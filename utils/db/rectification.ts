/** Rounds and rectification (整改): part of the quarter's workspace (see workspace.ts). */
import type { InspectorDB } from './db';
import type { Finding, PageRecord, Round } from './types';
import { hash, withFingerprintPart } from './keys';
import { setRound, updateFinding } from './repo';
import { compareRoundIds } from '../rounds';

export const RECTIFICATION_PENDING = '待复核';
export const RECTIFICATION_FIXED = '已整改';
export const RECTIFICATION_NOT_FIXED = '未整改';

/** The latest round before `roundId` that holds findings. */
export async function previousRoundWithFindings(db: InspectorDB, roundId: string): Promise<Round | undefined> {
  const rounds = (await db.rounds.toArray()).filter((r) => compareRoundIds(r.id, roundId) < 0);
  rounds.sort((a, b) => compareRoundIds(b.id, a.id));
  for (const r of rounds) if ((await db.findings.where('roundId').equals(r.id).count()) > 0) return r;
  return undefined;
}

/**
 * Last round's confirmed problems come back in the new round as 待复核 (open): the next scan
 * of their page re-checks them (repo.saveScan keeps them when the rule still fires and sets
 * stillPresent=false when it does not), and the inspector settles each one. Idempotent.
 */
export async function carryOver(db: InspectorDB, fromRoundId: string, toRoundId: string, now = Date.now()): Promise<number> {
  return db.transaction('rw', db.findings, async () => {
    const source = await db.findings.where('roundId').equals(fromRoundId).filter((f) => f.status === 'confirmed').toArray();
    const already = new Set((await db.findings.where('roundId').equals(toRoundId).toArray()).map((f) => f.fingerprint));
    const carried: Finding[] = [];
    for (const f of source) {
      const fingerprint = withFingerprintPart(f.fingerprint, 0, toRoundId);
      if (already.has(fingerprint)) continue;
      already.add(fingerprint);
      carried.push({
        ...f,
        id: `c_${hash(fingerprint)}`,
        fingerprint,
        roundId: toRoundId,
        status: 'open',
        review: false,
        rectification: RECTIFICATION_PENDING,
        carriedFrom: f.id,
        stillPresent: true,
        createdAt: now,
        updatedAt: now,
      });
    }
    await db.findings.bulkPut(carried);
    return carried.length;
  });
}

/** Start (or switch to) a round; a new round carries over the previous round's confirmed problems. */
export async function startRound(db: InspectorDB, roundId: string, monitoringDate: string, now = Date.now()): Promise<{ round: Round; carried: number; from: string | null }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(monitoringDate)) throw new Error('检查时间点格式应为 YYYY-MM-DD');
  const existed = await db.rounds.get(roundId);
  const round = await setRound(db, roundId, monitoringDate, now);
  if (existed) return { round, carried: 0, from: null };
  const prev = await previousRoundWithFindings(db, roundId);
  if (!prev) return { round, carried: 0, from: null };
  return { round, carried: await carryOver(db, prev.id, roundId, now), from: prev.id };
}

export type RectificationState =
  | 'pending' // not re-checked yet this round
  | 'fix-proposed' // page revisited, the rule no longer fires: propose 已整改
  | 'still-present' // page revisited, still there
  | 'recheck-manual' // page revisited, an inspector's own finding: look again by eye
  | 'fixed'
  | 'not-fixed';

export function rectificationState(f: Finding, page: PageRecord | undefined): RectificationState | null {
  if (!f.carriedFrom) return null;
  if (f.status === 'fixed') return 'fixed';
  if (f.status === 'confirmed') return 'not-fixed';
  if (f.status !== 'open') return null;
  const revisited = page !== undefined && page.lastScanned >= f.createdAt;
  if (!revisited) return 'pending';
  if (f.source === 'manual') return 'recheck-manual';
  return f.stillPresent ? 'still-present' : 'fix-proposed';
}

export const RECTIFICATION_LABEL: Record<RectificationState, string> = {
  pending: '待复核（尚未重新打开该页面）',
  'fix-proposed': '复核：问题已不再出现，建议确认已整改',
  'still-present': '复核：问题仍然存在',
  'recheck-manual': '复核：页面已重新打开，请人工确认',
  fixed: '已整改',
  'not-fixed': '未整改',
};

/** The inspector settles a carried-over problem: 已整改 (fixed) or 未整改 (still a problem this round). */
export async function settleRectification(db: InspectorDB, id: string, fixed: boolean, now = Date.now()): Promise<Finding> {
  return updateFinding(
    db,
    id,
    fixed ? { status: 'fixed', rectification: RECTIFICATION_FIXED } : { status: 'confirmed', rectification: RECTIFICATION_NOT_FIXED },
    now,
  );
}
