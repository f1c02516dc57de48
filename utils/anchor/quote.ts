import type { PageModel } from '../scan/page';
import type { TextQuote } from '../scan/types';

const CONTEXT = 32;

/**
 * Describe `exact` as a text quote with prefix and suffix taken from the page text,
 * preferring the occurrence inside `element` so the anchor points at the right place.
 */
export function describeQuote(page: PageModel, exact: string, element: Element | null): TextQuote {
  // Normalised once per page: a page with hundreds of findings must not re-normalise megabytes each time.
  const hay = page.memo('normalisedText', () => normalise(page.text));
  const needle = normalise(exact);
  let at = -1;
  if (element) {
    const local = normalise(element.textContent || '');
    const i = local.indexOf(needle);
    if (i >= 0) {
      // Find the element's own text in the page, then the quote inside it.
      const probe = local.slice(Math.max(0, i - CONTEXT), i + needle.length + CONTEXT);
      const j = hay.indexOf(probe);
      if (j >= 0) at = j + probe.indexOf(needle);
    }
  }
  if (at < 0) at = hay.indexOf(needle);
  if (at < 0) return { exact, prefix: '', suffix: '' };
  return {
    exact,
    prefix: hay.slice(Math.max(0, at - CONTEXT), at),
    suffix: hay.slice(at + needle.length, at + needle.length + CONTEXT),
  };
}

/** Whitespace folded so that quotes survive re-indentation of the page source. */
export function normalise(s: string): string {
  return s.replace(/\s+/g, ' ');
}
