import { FOOTER, PageModel, TEXT, type Analysis } from './page';
import { errorText } from '../errors';
import { RULES } from './rules';
import { describeQuote } from '../anchor/quote';
import type { Candidate, Rule, ScanContext, ScanFinding, ScanResult } from './types';
import { columnsOf, pageColumnName } from './columns';
import { isLetterPage, replyStats } from './rules/reply-overdue';
import { prepareNames } from '../text/near-miss';
import { runSliced } from '../steps';

/** How long the scan may hold the main thread before handing it back to the page. */
const SLICE_MS = 8;

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
   * An asynchronous analysis started once `prepareNeeds` are ready, whose result joins the context
   * of the `late` rules (the offscreen model's typo suspects, the background's name slips). A
   * failure only silences what needed it.
   */
  prepare?: (page: PageModel, ctx: ScanContext) => Promise<Partial<ScanContext>>;
  /** The analyses `prepare` reads: computed (in slices) before it starts. */
  prepareNeeds?: Analysis<unknown>[];
}

/** Scan one document with every rule; a rule that throws is reported, not fatal. */
export async function scanDocument(doc: Document, url: string, ctx: ScanContext, opts: ScanOptions = {}): Promise<ScanResult> {
  const now = opts.now ?? (() => Date.now());
  const started = now();
  const page = new PageModel(doc, url, { homeUrl: ctx.homeUrl, t2s: ctx.names?.t2s });
  const findings: ScanFinding[] = [];
  const errors: ScanResult['errors'] = [];
  const rules = opts.rules ?? RULES;
  // Hand the main thread back when a turn has run its budget, not after every step: each hand-back
  // costs the page nothing but the scan a task hop, and the rules are mostly well under a millisecond.
  let resumed = now();
  const pace = async (label: string) => {
    if (!opts.yieldToPage || now() - resumed < SLICE_MS) return;
    await opts.yieldToPage(label);
    resumed = now();
  };
  const pause = opts.yieldToPage ? (label: string) => () => opts.yieldToPage!(`${label} (slice)`).then(() => void (resumed = now())) : undefined;
  const warm = async (a: Analysis<unknown>) => {
    try {
      await (pause ? page.prepare(a, pause(a.name), now) : page.get(a));
    } catch {
      // The rule that needs it will report the failure.
    }
    await pace(a.name);
  };
  // What `prepare` reads is computed first, so that its answer (the offscreen model, the
  // background's name index) is on its way while the rest is prepared and the other rules run;
  // only the rules that read it (`late`) wait for it.
  for (const a of opts.prepareNeeds ?? []) await warm(a);
  const prepared = opts.prepare
    ? opts.prepare(page, ctx).catch(() => ({}) as Partial<ScanContext>) // a failure only silences the rules that needed it
    : Promise.resolve({} as Partial<ScanContext>);
  // The analyses the rules share, each in its own slices, so that no single rule's turn carries
  // them all and the page gets the main thread back in between.
  for (const a of sharedAnalyses(rules, ctx)) await warm(a);
  const runRules = async (list: Rule[], c: ScanContext) => {
    for (const rule of list) {
      try {
        for (const cand of rule.check(page, c)) findings.push(toFinding(rule, cand, page));
      } catch (e) {
        errors.push({ ruleId: rule.meta.id, message: errorText(e) });
      }
      await pace(rule.meta.id);
    }
  };
  await runRules(rules.filter((r) => !r.late), ctx);
  ctx = { ...ctx, ...(await prepared) };
  // No near misses from elsewhere: the gazetteer's index is built here, in slices (a cold build is a long task).
  if (!ctx.nearMisses && ctx.names && pause) {
    try {
      await runSliced(prepareNames(ctx.names), pause('names'), now);
    } catch {
      // official-name reports it.
    }
  }
  await runRules(rules.filter((r) => r.late), ctx);
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
