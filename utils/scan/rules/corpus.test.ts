import { describe, expect, it } from 'vitest';
import { PageModel } from '../page';
import { corpusManifest, corpusUrl, loadFixture, type CorpusEntry } from '../testing';
import { DEFAULT_THRESHOLDS, type Rule, type ScanContext } from '../types';
import { NAME_DATA } from '../../text/near-miss-data';
import { getLexicon } from '../../text/lexicon';
import { findLeaderMisspellings } from '../../text/leaders';
import { findNearMisses } from '../../text/near-miss';
import { rule as conacBadgeMissing } from './conac-badge-missing';
import { rule as consultationNoFeedback } from './consultation-no-feedback';
import { rule as docNumberBrackets } from './doc-number-brackets';
import { rule as futureDate } from './future-date';
import { rule as hiddenLinks } from './hidden-links';
import { rule as icpMissing } from './icp-missing';
import { rule as interpretationUnlinked } from './interpretation-unlinked';
import { rule as jiucuoMissing } from './jiucuo-missing';
import { rule as leaderName } from './leader-name';
import { rule as officialName } from './official-name';
import { rule as outdatedName } from './outdated-name';
import { rule as policeRecordMissing } from './police-record-missing';
import { rule as replyOverdue } from './reply-overdue';
import { rule as siteCodeMissing } from './site-code-missing';
import { rule as sponsorMissing } from './sponsor-missing';
import { rule as titleHijack } from './title-hijack';
import { rule as typo } from './typo';
import { rule as unbalancedPunctuation } from './unbalanced-punctuation';
import { rule as urlDateMismatch } from './url-date-mismatch';

/**
 * Every rule against every real corpus page, in one file so that each page is parsed once for the
 * whole suite (vitest gives each test file its own module cache, and parsing the 10 pages in
 * happy-dom is most of what these checks cost). One PageModel per page, shared by the rules as in
 * a real scan. A rule's own fixture tests stay in its own file; the lexicon's
 * ECSpell checks stay in utils/text/lexicon.test.ts.
 */

const WORDING: ScanContext = { monitoringDate: '2025-03-31', thresholds: DEFAULT_THRESHOLDS };
const NAMES: ScanContext = { ...WORDING, names: NAME_DATA };
const PAGE: ScanContext = { monitoringDate: '2025-06-30', thresholds: DEFAULT_THRESHOLDS };
/** The 检查时间点 the date rules' own tests judge these pages at. */
const DATES: ScanContext = { monitoringDate: '2023-10-11', thresholds: DEFAULT_THRESHOLDS };
const every = () => true;
const only = (...files: string[]) => (e: CorpusEntry) => files.includes(e.file);

/** [rule, context, the corpus pages it must stay silent on (per the manifest)] */
const SILENT_ON: [Rule, ScanContext, (e: CorpusEntry) => boolean][] = [
  [typo, WORDING, every],
  [leaderName, WORDING, every],
  [officialName, NAMES, every],
  // The 2017 万载 article and the 2023-03 宜春 bulletin (银保监局 then current) are among them.
  [outdatedName, WORDING, every],
  [docNumberBrackets, WORDING, every],
  [unbalancedPunctuation, WORDING, every],
  [titleHijack, PAGE, every],
  [hiddenLinks, PAGE, every],
  // 005 has a 留言 widget, not a letter page.
  [replyOverdue, PAGE, every],
  [consultationNoFeedback, PAGE, every],
  [interpretationUnlinked, PAGE, every],
  // 主办单位 / 主办： / 主办方
  [sponsorMissing, PAGE, every],
  [conacBadgeMissing, PAGE, (e) => e.has_conac_badge],
  // incl. the 政府网站标识码 label without a colon
  [siteCodeMissing, PAGE, (e) => !!e.site_code],
  // incl. 备案序号 of 004
  [icpMissing, PAGE, (e) => !!e.icp],
  // with or without 号, spaced, split
  [policeRecordMissing, PAGE, (e) => !!e.police_record],
  // real home pages that carry it (script or 网站纠错 link)
  [jiucuoMissing, PAGE, only('014-yichun-portal-home-raw.html', '007-govcn-home.html')],
  [futureDate, DATES, only('002-shanxi-gov-article.html', '005-nfra-penalty-article.html', '014-yichun-portal-home-raw.html')],
  // articles whose address and 发布时间 agree, and 发文日期 that is not a publication date
  [urlDateMismatch, DATES, only('002-shanxi-gov-article.html', '004-cmse-press-article.html', '008-hebei-ccgp-award-notice.html', '010-wanzai-tjgb-2015-article.html', '011-wanzai-tjsj-2022-xxgk.html', '013-yichun-jiangxi-tjgb-2022.html')],
];

// One model per page for every context: analyses that depend on the monitoring date are kept per date.
const models = new Map<string, PageModel>();
function model(file: string): PageModel {
  let page = models.get(file);
  if (!page) models.set(file, (page = new PageModel(loadFixture(file), corpusUrl(file))));
  return page;
}

describe.each(corpusManifest())('real corpus page $file', (entry) => {
  it('the lexicon, leader names and official-name near misses find nothing in its title or text', () => {
    const page = model(entry.file);
    const bad: string[] = [];
    for (const text of [page.title, page.text]) {
      const at = (start: number, end: number) => `…${text.slice(Math.max(0, start - 8), end + 8)}…`;
      for (const h of getLexicon().find(text)) bad.push(`${h.entry.wrong} in ${at(h.start, h.end)}`);
      for (const h of findLeaderMisspellings(text)) bad.push(`leader ${h.v.variant} in ${at(h.start, h.end)}`);
      for (const h of findNearMisses(text, NAME_DATA)) bad.push(`near miss of ${h.name} in ${at(h.start, h.end)}`);
    }
    expect(bad).toEqual([]);
  });

  const rules = SILENT_ON.filter(([, , applies]) => applies(entry));
  it.each(rules.map(([rule, ctx]) => [rule.meta.id, rule, ctx] as const))('%s does not fire', (_id, rule, ctx) => {
    expect(rule.check(model(entry.file), ctx)).toEqual([]);
  });
});
