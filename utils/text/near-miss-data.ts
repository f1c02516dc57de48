/**
 * The official-name and -expression gazetteers and the readings table as one NameData. Imported by the background
 * (which sends it with each scan context), tests and the eval, never by the content script: the
 * files would add some 120 KB to it.
 */
import names from './lexicon/official-names.json';
import phrases from './lexicon/official-phrases.json';
import pinyin from './pinyin.json';
import { PAIRS } from './t2s-pairs';
import type { NameData } from './near-miss';

export const NAME_DATA: NameData = {
  names: (names as { terms: string[] }).terms,
  phrases: (phrases as { terms: string[] }).terms,
  pinyin: (pinyin as { table: Record<string, string> }).table,
  t2s: PAIRS,
};
