import { useEffect, useRef, useState } from 'preact/hooks';
import Dexie, { liveQuery } from 'dexie';
import { send } from '../../utils/messages';
import { InspectorDB } from '../../utils/db/db';
import type { Finding, PageRecord, Round, Settings, Site } from '../../utils/db/types';
import { getSettings } from '../../utils/db/repo';

/**
 * The dashboard reads the extension origin's database directly (same origin as the
 * background) and follows changes live, including scans the background stores.
 */
export const db = new InspectorDB();

/**
 * The dashboard writes through utils/db; the background reacts to committed changes (badges,
 * open tabs' marks). It hears them over Dexie's BroadcastChannel while awake; this nudge,
 * sent after each commit, wakes it when it sleeps. Coalesced: a bulk import is one nudge.
 */
let nudge: ReturnType<typeof setTimeout> | undefined;
Dexie.on('storagemutated', () => {
  clearTimeout(nudge);
  nudge = setTimeout(() => void send({ type: 'db:changed' }).catch(() => undefined), 200);
});

export function useLive<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: (e) => console.error('[工作台]', e) });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}

export interface Workspace {
  settings: Settings;
  round: Round;
  rounds: Round[];
  sites: Site[];
  pages: PageRecord[];
  /** The round's findings; the first rows only until `complete` (quarter-end rounds hold 50,000). */
  findings: Finding[];
  /** How many findings the round holds (known at once from the index). */
  total: number;
  complete: boolean;
}

/** Rows shown before the whole round has loaded, so the list paints at once. */
const FIRST_ROWS = 300;

/** Everything of the current round; null until the first read (and settings exist). */
export function useWorkspace(): Workspace | null {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void getSettings(db).then(() => setReady(true));
  }, []);
  const settings = useLive(() => db.settings.get('settings'), [ready], undefined);
  const rounds = useLive(() => db.rounds.toArray(), [ready], [] as Round[]);
  const roundId = settings?.currentRoundId ?? '';
  // null until read: sorting by site name before the names arrive would reorder the list under the inspector.
  const sites = useLive<Site[] | null>(() => db.sites.toArray(), [ready], null);
  const pages = useLive(() => db.pages.where('roundId').equals(roundId).toArray(), [roundId, ready], [] as PageRecord[]);
  const full = useLive<Finding[] | null>(() => db.findings.where('roundId').equals(roundId).toArray(), [roundId, ready], null);
  const total = useLive(() => db.findings.where('roundId').equals(roundId).count(), [roundId, ready], 0);
  const [head, setHead] = useState<Finding[]>([]);
  useEffect(() => {
    if (ready && roundId) void db.findings.where('roundId').equals(roundId).limit(FIRST_ROWS).toArray().then(setHead);
  }, [roundId, ready]);
  const findings = full ?? head;
  const round = rounds.find((r) => r.id === roundId);
  // Between two live results (a wipe, a restore) keep showing the last complete state, so open
  // tabs and their messages are not unmounted.
  const last = useRef<Workspace | null>(null);
  if (!ready || !settings || !round || !sites) return last.current;
  last.current = { settings, round, rounds, sites, pages, findings, total: full ? full.length : total, complete: full !== null };
  return last.current;
}

export async function readFileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

export { errorText } from '../../utils/errors';

/** Roster order, then by name: how the coverage and new-media tabs list sites. */
export function byRosterOrder(a: Site, b: Site): number {
  return (a.rosterIndex ?? 1e9) - (b.rosterIndex ?? 1e9) || a.name.localeCompare(b.name, 'zh-Hans-CN');
}
