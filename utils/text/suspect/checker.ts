/**
 * The suspected-typo checker as the offscreen document (and the eval and tests) run it: the
 * language model, the confusion tables, the precision guards and the tiers together. Pure: the
 * model bytes are handed in, the tables are imported as data.
 */
import { parseKenlm } from '../kenlm';
import { createDetector, type Detector } from './detect';
import { createGuards, type Guards } from './guards';
import { MAX_CHECK_CHARS, tierOf, type SuspectHit } from './tiers';
import readings from './readings.json';
import lookalike from './lookalike.json';
import newTerms from './new-terms.json';
import officialNames from '../lexicon/official-names.json';
import officialPhrases from '../lexicon/official-phrases.json';

export interface TypoChecker {
  /**
   * Suspects (tier mark or list) of each text, in order. `terms` are the inspector's own new terms
   * (设置 → 例外词), never flagged. At most MAX_CHECK_CHARS characters are read in all.
   */
  check(texts: readonly string[], terms?: readonly string[]): SuspectHit[][];
  readonly detector: Detector;
  readonly guards: Guards;
}

export function createTypoChecker(modelBytes: ArrayBuffer | Uint8Array): TypoChecker {
  const model = parseKenlm(modelBytes);
  const detector = createDetector(model, { readings: readings.table, lookalike: lookalike.table });
  const guards = createGuards({
    terms: [...officialNames.terms, ...officialPhrases.terms, ...newTerms.terms],
  });
  return {
    detector,
    guards,
    check(texts, terms = []) {
      let budget = MAX_CHECK_CHARS;
      const all = texts.join('\n');
      return texts.map((text) => {
        if (budget <= 0) return [];
        const slice = text.length > budget ? text.slice(0, budget) : text;
        budget -= slice.length;
        const mask = guards.mask(slice, terms);
        const out: SuspectHit[] = [];
        for (const s of detector.suspects(slice, mask)) {
          const tier = tierOf(s.gain);
          if (!tier) continue;
          // A swap that makes another 州 (彬州市 → 滨州市) is a gazetteer question: there are more
          // such cities and counties than the model knows.
          if (/州市?$/.test(s.word) && s.index < s.wordStart + s.word.indexOf('州')) continue;
          // A form the page repeats is deliberate (a name, a local term), not a slip of the hand.
          const form = slice.slice(Math.max(0, s.index - 1), s.index + 2);
          if (form.length === 3 && all.indexOf(form) !== all.lastIndexOf(form)) continue;
          out.push({ index: s.index, wrong: s.wrong, right: s.right, word: s.word, wordStart: s.wordStart, gain: Math.round(s.gain * 100) / 100, source: s.source, tier });
        }
        return out;
      });
    },
  };
}
