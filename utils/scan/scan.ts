import { FOOTER, PageModel, TEXT, type Analysis } from './page';
import { errorText } from '../errors';
import { RULES } from './rules';
import { describeQuote } from '../anchor/quote';
import type { Candidate, Rule, ScanContext, ScanFinding, ScanResult } from './types';
import { columnsOf, pageColumnName } from './columns';
import { isLetterPage, replyStats } from './rules/reply-overdue';
import { prepareNames } from '../text/near-miss';
import { runSliced } from '../steps';

/** Resolve a rule's candidate into a serialisable finding with a text-quote anchor. */
function toFinding(rule: Rule, c: Candidate, page: PageModel): ScanFinding {
  return {
    ruleId: rule.meta.id,
    severity: c.severity ?? rule.meta.severity,
    title: rule.meta.title,
    category: rule.meta.category,
    message: c.message,
    quote: c.quote ? describeQuote(page, c.quote, c.element ?? null) : null,
    detail: c.detail ?? {},
    review: c.review ?? false,
  };
}

/**
 * The analyses the rules declare (`needs`), each once, in the order first declared; the page's
 * text and footer first, since most of the others read them (and would compute them unsliced).
 */
function sharedAnalyses(rules: Rule[], ctx: ScanContext): Analysis<unknown>[] {
  const out = new Set<Analysis<unknown>>([TEXT, FOOTER]);
  for (const rule of rules) for (const need of rule.needs ?? []) out.add(typeof need === 'function' ? need(ctx) : need);
  return [...out];
}

export interface ScanOptions {
  rules?: Rule[];
  /** Called between steps so a long scan never blocks the page for long; `after` names the step just done. */
  yieldToPage?: (after: string) => Promise<void>;
  now?: () => number;
  /**
   * An asynchronous analysis run after the shared ones, before the rules, whose result joins the
   * context (suspected-typo: the offscreen language model's suspects). A failure only skips it.
   */
  prepare?: (page: PageModel, ctx: ScanContext) => Promise<Partial<ScanContext>>;
}

/** Scan one document with every rule; a rule that throws is reported, not fatal. */
export async function scanDocument(doc: Document, url: string, ctx: ScanContext, opts: ScanOptions = {}): Promise<ScanResult> {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  const page = new PageModel(doc, url, { homeUrl: ctx.homeUrl, t2s: ctx.names?.t2s });
  const findings: ScanFinding[] = [];
  const errors: ScanResult['errors'] = [];
  const rules = opts.rules ?? RULES;
  // The analyses the rules share run first, each in its own slices, so that no single rule's
  // turn carries them all and the page gets the main thread back in between.
  const warmUps: [string, (pause: (() => Promise<void>) | undefined) => unknown][] = sharedAnalyses(rules, ctx).map((a) => [
    a.name,
    (pause) => (pause ? page.prepare(a, pause, now) : page.get(a)),
  ]);
  // The official-name matcher is built from the context's names, in slices too.
  warmUps.push(['names', (pause) => (ctx.names && pause ? runSliced(prepareNames(ctx.names), pause, now) : undefined)]);
  for (const [label, warm] of warmUps) {
    const pause = opts.yieldToPage ? () => opts.yieldToPage!(`${label} (slice)`) : undefined;
    try {
      await warm(pause);
    } catch {
      // The rule that needs it will report the failure.
    }
    if (opts.yieldToPage) await opts.yieldToPage(label);
  }
  if (opts.prepare) {
    try {
      ctx = { ...ctx, ...(await opts.prepare(page, ctx)) };
    } catch {
      // The rule that needed it stays silent; every other rule still runs.
    }
  }
  for (const rule of rules) {
    try {
      for (const c of rule.check(page, ctx)) findings.push(toFinding(rule, c, page));
    } catch (e) {
      errors.push({ ruleId: rule.meta.id, message: errorText(e) });
    }
    if (opts.yieldToPage) await opts.yieldToPage(rule.meta.id);
  }
  const columns = columnsOf(page, ctx).map((c) => ({
    name: c.name,
    itemCount: c.items.length,
    newest: c.newest,
    href: c.href,
    cls: c.cls,
    blank: c.blank,
    ...(c.yearAmbiguous ? { yearAmbiguous: true } : {}),
    ...(c.correctionId ? { corrected: true } : {}),
  }));
  return {
    url,
    title: page.title,
    pageType: page.pageType,
    columnName: pageColumnName(page),
    replies: repliesOf(page, ctx),
    findings: dedupe(findings),
    columns,
    latestDate: columns.reduce<string | null>((acc, c) => (c.newest && (!acc || c.newest > acc) ? c.newest : acc), null),
    errors,
    ms: now() - started,
  };
}

/** Same rule on the same quote twice (e.g. a typo repeated in title and body) is one finding. */
function dedupe(findings: ScanFinding[]): ScanFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\u0000${f.quote?.exact ?? ''}\u0000${f.quote ? '' : f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reply statistics of a 留言 page (memoised: the reply-overdue rule computed them already). */
function repliesOf(page: PageModel, ctx: ScanContext): ScanResult['replies'] {
  if (!isLetterPage(page)) return null;
  const stats = replyStats(page, ctx.monitoringDate);
  return stats.answered && stats.medianReplyDays !== null ? { answered: stats.answered, medianDays: stats.medianReplyDays } : null;
}
