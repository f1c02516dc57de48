// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getLexicon, guardsPass, LEXICON_FILES, parseEntries, TEXT_CLASSES, type LexiconEntry } from './lexicon';
import { findLeaderMisspellings, LEADER_VARIANTS } from './leaders';
import { findOutdatedNames, OUTDATED } from './outdated';
import { findNearMisses } from './near-miss';
import { NAME_DATA } from './near-miss-data';

const FIXTURES = join(import.meta.dirname, '..', '..', 'tests', 'fixtures');

/**
 * Correct text the lexicon must never fire on: every corrected sentence of ECSpell odw
 * (official-document writing). The text of every real corpus page: utils/scan/rules/corpus.test.ts.
 */
let correct: string[] = [];
beforeAll(() => {
  const rows = readFileSync(join(FIXTURES, 'ecspell-odw', 'odw.train.tsv'), 'utf8').trim().split('\n');
  correct = rows.map((r) => r.split('\t')[2]);
});

const lex = getLexicon();

function flagged(e: LexiconEntry, text: string): boolean {
  return lex.find(text).some((h) => h.entry === e);
}

describe('lexicon data', () => {
  it('holds at least 1,000 typo entries plus leader and outdated-name entries, classes valid', () => {
    expect(lex.entries.length).toBeGreaterThanOrEqual(1000);
    expect(LEADER_VARIANTS.length).toBeGreaterThan(100);
    expect(OUTDATED.length).toBeGreaterThan(50);
    for (const e of lex.entries) expect(TEXT_CLASSES).toContain(e.cls);
  });

  it('has no duplicate wrong forms and no entry whose wrong form equals or contains its correction', () => {
    const seen = new Map<string, string>();
    for (const e of lex.entries) {
      expect(seen.has(e.wrong), `duplicate ${e.wrong} (${seen.get(e.wrong)} / ${e.file})`).toBe(false);
      seen.set(e.wrong, e.file);
      expect(e.wrong).not.toBe(e.right);
      expect(e.right.includes(e.wrong), `${e.wrong} inside its own correction ${e.right}`).toBe(false);
      expect(e.why.length).toBeGreaterThan(2);
    }
  });

  it('flags every wrong form on its own (entries that need context carry a flag spec instead)', () => {
    for (const e of lex.entries) {
      if (e.next || e.prev) {
        expect(e.flag?.length ?? 0, `${e.wrong} needs context, so it must list flag specs`).toBeGreaterThan(0);
        continue;
      }
      expect(guardsPass(e, e.wrong, 0, e.wrong.length)).toBe(true);
      expect(flagged(e, e.wrong), e.wrong).toBe(true);
    }
  });

  it('holds every entry spec (flag / pass)', () => {
    let specs = 0;
    for (const e of lex.entries) {
      for (const t of e.flag ?? []) {
        specs++;
        expect(flagged(e, t), `${e.wrong} should flag “${t}”`).toBe(true);
      }
      for (const t of e.pass ?? []) {
        specs++;
        expect(flagged(e, t), `${e.wrong} must not flag “${t}”`).toBe(false);
      }
    }
    expect(specs).toBeGreaterThan(5);
  });

  it('never fires on correct text (ECSpell corrected sentences), nor do leader names or official-name near misses', () => {
    expect(correct.length).toBeGreaterThan(1700);
    const bad: string[] = [];
    for (const text of correct) {
      for (const h of lex.find(text)) bad.push(`${h.entry.wrong} in …${text.slice(Math.max(0, h.start - 8), h.end + 8)}…`);
      for (const h of findLeaderMisspellings(text)) bad.push(`leader ${h.v.variant} in …${text.slice(Math.max(0, h.start - 8), h.end + 8)}…`);
      for (const h of findNearMisses(text, NAME_DATA)) bad.push(`near miss of ${h.name} in …${text.slice(Math.max(0, h.start - 8), h.end + 8)}…`);
    }
    expect(bad).toEqual([]);
  });

  it('guards: context-only entries behave as documented', () => {
    const byWrong = (w: string) => lex.entries.find((e) => e.wrong === w)!;
    expect(flagged(byWrong('截止'), '截止2023年底，全县共有')).toBe(true);
    expect(flagged(byWrong('截止'), '报名截止日期为2023年5月10日')).toBe(false);
    expect(flagged(byWrong('截止'), '截止到2023年底')).toBe(false);
    expect(flagged(byWrong('自已'), '激动得不能自已')).toBe(false);
    expect(flagged(byWrong('自已'), '做好自已的工作')).toBe(true);
    expect(flagged(byWrong('布署'), '宣布署名文章')).toBe(false);
  });

  it('resolves overlaps leftmost-longest: one hit for a wrong idiom', () => {
    const hits = lex.find('各单位要再接再励，勇攀高峰');
    expect(hits).toHaveLength(1);
    expect(hits[0].entry.right).toBe('再接再厉');
  });

  it('derives a short reason from the differing characters', () => {
    const [e] = parseEntries({ t: { class: '一般错别字', entries: ['按步就班>按部就班'] } });
    expect(e.why).toBe('“步”应为“部”');
    expect(LEXICON_FILES.idioms.entries.length).toBeGreaterThan(400);
  });
});

describe('leader names', () => {
  it('flags certain misspellings anywhere and others only next to a title', () => {
    expect(findLeaderMisspellings('深入学习贯彻习进平新时代中国特色社会主义思想')).toHaveLength(1);
    expect(findLeaderMisspellings('国务院总理李墙主持召开国务院常务会议')).toHaveLength(1);
    expect(findLeaderMisspellings('村民李墙反映道路问题')).toHaveLength(0);
    expect(findLeaderMisspellings('王洋同志任县委办主任')).toHaveLength(0);
    expect(findLeaderMisspellings('认真学习近平台上线的课程')).toHaveLength(0);
  });
});

describe('outdated names', () => {
  it('finds current-use names and skips reform history', () => {
    expect(findOutdatedNames('县国土资源局开展执法检查').map((h) => h.entry.current)).toEqual(['自然资源局']);
    expect(findOutdatedNames('原县国土资源局的职责划入县自然资源局')).toHaveLength(0);
    expect(findOutdatedNames('全县农业部门加强春耕生产指导')).toHaveLength(0);
    expect(findOutdatedNames('保险数据来自江西银保监局').map((h) => h.entry.old)).toEqual(['银保监局']);
  });
});
