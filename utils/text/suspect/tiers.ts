/**
 * What the offscreen language model reports back to the content script, and the two tiers.
 * Small and dependency-free: the content script and the side panel import it (the model, the
 * tables and the detector never enter the content script).
 */

/** A suspected typo in one text, as sent over messages. */
export interface SuspectHit {
  /** Offset of the suspected character in the text. */
  index: number;
  wrong: string;
  right: string;
  /** The vocabulary word the swap forms, and where it starts in the text. */
  word: string;
  wordStart: number;
  /** Gain in log10 probability of the best segmentation (net of the candidate source's penalty). */
  gain: number;
  source: 'same' | 'fuzzy' | 'shape';
  tier: SuspectTier;
}

/**
 * `mark`: marked inline, 待核实, counts once confirmed. `list`: only in the side panel's 疑似 list.
 * Thresholds chosen on the tune part of ECSpell odw only (scripts/eval/suspect-sweep.ts: the lowest
 * gain meeting the target there, mark ≤ 1 falsely flagged sentence per 1,000, list ≤ 5, plus one
 * 0.25 step of margin; the held-out part is only reported, by scripts/eval/suspect.ts).
 */
export type SuspectTier = 'mark' | 'list';
export const TIER_GAIN: Record<SuspectTier, number> = { mark: 4.75, list: 3.75 };

export function tierOf(gain: number): SuspectTier | null {
  return gain >= TIER_GAIN.mark ? 'mark' : gain >= TIER_GAIN.list ? 'list' : null;
}

/**
 * A finding of the second tier not yet accepted: never marked inline, listed in the side panel's
 * 疑似 list only. Once the inspector accepts it (confirmed) it is an ordinary 错别字 finding.
 */
export function isListOnly(f: { ruleId: string; detail?: Record<string, unknown>; status?: string }): boolean {
  return f.ruleId === 'suspected-typo' && f.detail?.tier === 'list' && f.status !== 'confirmed';
}

export const SOURCE_LABEL: Record<SuspectHit['source'], string> = { same: '同音', fuzzy: '近音', shape: '形近' };

/** Text sent to the model per page: the main content only, at most this many characters. */
export const MAX_CHECK_CHARS = 20_000;
