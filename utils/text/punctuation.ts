/**
 * Paragraph-level punctuation checks: unpaired 《》 “” （）, and doubled 的的 / 了了 typed by
 * mistake. Each finding carries an exact slice of the paragraph to quote.
 */

export interface PunctIssue {
  kind: 'unpaired' | 'doubled';
  /** Offset of the offending character (or doubled pair) in the paragraph. */
  index: number;
  /** Exact slice of the paragraph to quote around it. */
  quote: string;
  char: string;
}

const PAIRS: [string, string][] = [
  ['《', '》'],
  ['“', '”'],
  ['（(', '）)'],
];

/** “1）”, “a)”, “一）” numbering uses a lone closing bracket on purpose. */
const ENUM_CLOSER = /(^|[\s；;。，：:、])[0-9０-９a-zA-Zⅰ-ⅹⅠ-Ⅹ一二三四五六七八九十]{1,3}[)）]/g;

function quoteAround(text: string, i: number, opener: boolean): string {
  const q = opener ? text.slice(i, i + 12) : text.slice(Math.max(0, i - 11), i + 1);
  return q.trim() || text[i];
}

export function unpaired(text: string, nextText?: string): PunctIssue[] {
  // Cut-off list titles (“关于《……”) are not a punctuation error.
  if (/(…|\.\.\.|⋯)$/.test(text)) return [];
  const masked = text.replace(ENUM_CLOSER, (m) => m.slice(0, -1) + ' ');
  const out: PunctIssue[] = [];
  for (const [open, close] of PAIRS) {
    const stack: number[] = [];
    const stray: number[] = [];
    for (let i = 0; i < masked.length; i++) {
      const c = masked[i];
      if (open.includes(c)) stack.push(i);
      else if (close.includes(c)) {
        if (stack.length) stack.pop();
        else stray.push(i);
      }
    }
    // A quotation running over several paragraphs opens each one and closes only the last.
    if (open === '“' && stack.length === 1 && !stray.length && stack[0] === 0 && nextText?.startsWith('“')) continue;
    for (const i of stack) out.push({ kind: 'unpaired', index: i, quote: quoteAround(text, i, true), char: text[i] });
    for (const i of stray) out.push({ kind: 'unpaired', index: i, quote: quoteAround(text, i, false), char: text[i] });
  }
  return out;
}

const PUNCT_AFTER = /^[，。；！？、：,.;!?）)”]?$/;

export function doubled(text: string): PunctIssue[] {
  const out: PunctIssue[] = [];
  for (let i = text.indexOf('的的'); i >= 0; i = text.indexOf('的的', i + 2)) {
    const prev = text[i - 1] ?? '';
    const next = text[i + 2] ?? '';
    if ('确士哥姐'.includes(next) || (next && '的'.includes(next))) continue;
    if ('目端标'.includes(prev) && prev) continue;
    out.push({ kind: 'doubled', index: i, quote: text.slice(Math.max(0, i - 4), i + 4), char: '的' });
  }
  for (let i = text.indexOf('了了'); i >= 0; i = text.indexOf('了了', i + 2)) {
    const next = text[i + 2] ?? '';
    if (!PUNCT_AFTER.test(next)) continue; // 了了解、了了之、了了分明 are words
    if ((text[i - 1] ?? '') === '了') continue;
    out.push({ kind: 'doubled', index: i, quote: text.slice(Math.max(0, i - 4), i + 3), char: '了' });
  }
  return out;
}
