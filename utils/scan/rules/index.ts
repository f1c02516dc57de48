import type { Rule, RuleMeta } from '../types';
import type { CheckRule } from '../check-rule';
import { rule as homeStale } from './home-stale';
import { rule as columnStale } from './column-stale';
import { rule as blankColumn } from './blank-column';
import { rule as futureDate } from './future-date';
import { rule as urlDateMismatch } from './url-date-mismatch';
import { rule as burstUpdate } from './burst-update';
import { rule as conacBadgeMissing } from './conac-badge-missing';
import { rule as siteCodeMissing } from './site-code-missing';
import { rule as siteCodeMismatch } from './site-code-mismatch';
import { rule as icpMissing } from './icp-missing';
import { rule as policeRecordMissing } from './police-record-missing';
import { rule as sponsorMissing } from './sponsor-missing';
import { rule as jiucuoMissing } from './jiucuo-missing';
import { rule as hiddenLinks } from './hidden-links';
import { rule as titleHijack } from './title-hijack';
import { rule as interpretationUnlinked } from './interpretation-unlinked';
import { rule as consultationNoFeedback } from './consultation-no-feedback';
import { rule as replyOverdue } from './reply-overdue';
import { rule as siteHints } from './site-hints';
import { rule as typo } from './typo';
import { rule as suspectedTypo } from './suspected-typo';
import { rule as leaderName } from './leader-name';
import { rule as officialName } from './official-name';
import { rule as outdatedName } from './outdated-name';
import { rule as docNumberBrackets } from './doc-number-brackets';
import { rule as unbalancedPunctuation } from './unbalanced-punctuation';
import { rule as siteUnreachable } from './site-unreachable';
import { rule as brokenLink } from './broken-link';

/**
 * Every rule, in the order marks are listed. Adding a rule = one file in this
 * folder + one line here + its test beside it (rules.test.ts checks all three).
 */
export const RULES: Rule[] = [
  homeStale,
  columnStale,
  blankColumn,
  futureDate,
  urlDateMismatch,
  burstUpdate,
  conacBadgeMissing,
  siteCodeMissing,
  siteCodeMismatch,
  icpMissing,
  policeRecordMissing,
  sponsorMissing,
  jiucuoMissing,
  hiddenLinks,
  titleHijack,
  interpretationUnlinked,
  consultationNoFeedback,
  replyOverdue,
  siteHints,
  typo,
  suspectedTypo,
  leaderName,
  officialName,
  outdatedName,
  docNumberBrackets,
  unbalancedPunctuation,
];

export const RULES_BY_ID: Record<string, Rule> = Object.fromEntries(RULES.map((r) => [r.meta.id, r]));

/** Rules judged outside a page scan (availability probes, link requests); their findings share the sheets. */
export const CHECK_RULES: CheckRule<never>[] = [siteUnreachable, brokenLink] as CheckRule<never>[];

/** Metadata of every rule, page or check, for titles and the sheets. */
export const RULE_META_BY_ID: Record<string, RuleMeta> = Object.fromEntries([...RULES, ...CHECK_RULES].map((r) => [r.meta.id, r.meta]));
