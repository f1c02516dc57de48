/**
 * Misspelt names of state leaders (严重表述错误 → 单项否决 V1). A misspelling is reported only
 * where it cannot be an ordinary word or another person's name: certain variants (习进平, 粟战书)
 * anywhere, every other variant (李墙, 王洋, 邓晓平…) only right next to that leader's title.
 */
import { buildMatcher, type Matcher } from './matcher';
import data from './lexicon/leaders.json';

export interface LeaderVariant {
  variant: string;
  name: string;
  titles: string[];
  certain: boolean;
}

export interface LeaderHit {
  start: number;
  end: number;
  v: LeaderVariant;
  /** A title of that leader stands right before or after the variant. */
  inContext: boolean;
}

const raw = data as unknown as { generic: string; leaders: [string, string, string[]][] };

export const LEADER_VARIANTS: LeaderVariant[] = raw.leaders.flatMap(([name, titles, variants]) =>
  variants.map((v) => ({
    variant: v.replace(/!$/, ''),
    name,
    titles: [...titles.split('|'), ...raw.generic.split('|')],
    certain: v.endsWith('!'),
  })),
);

/** Characters before 习 that make a word ending in 习 (学习近平时… is not a name). */
const XI_WORDS = '学复练演预实补见研自温积恶陋讲修传';

let matcher: Matcher | null = null;

export function findLeaderMisspellings(text: string): LeaderHit[] {
  if (!matcher) matcher = buildMatcher(LEADER_VARIANTS.map((v) => v.variant));
  const out: LeaderHit[] = [];
  matcher.forEach(text, (start, end, i) => {
    const v = LEADER_VARIANTS[i];
    const before = start > 0 ? text[start - 1] : '';
    if (v.variant[0] === '习' && XI_WORDS.includes(before)) return;
    const prefix = text.slice(Math.max(0, start - 12), start).replace(/[\s、，]+$/, '');
    const suffix = text.slice(end, end + 12).replace(/^\s+/, '');
    const inContext = v.titles.some((t) => prefix.endsWith(t) || suffix.startsWith(t));
    if (!inContext && !v.certain) return;
    out.push({ start, end, v, inContext });
  });
  return out;
}
