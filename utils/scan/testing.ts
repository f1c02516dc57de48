import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PageModel } from './page';
import { PAIRS } from '../text/t2s-pairs';

/** Test helpers: real pages from tests/fixtures as DOM documents (vitest + happy-dom). */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'fixtures');

export interface CorpusEntry {
  file: string;
  original_url: string | null;
  site_name: string;
  page_type: string;
  has_conac_badge: boolean;
  site_code: string | null;
  icp: string | null;
  police_record: string | null;
  latest_date_visible: string | null;
  notes: string;
}

/** Parse HTML into a Document (scripts are never run). */
export function docFromHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Raw HTML of a fixture: a corpus page name, or a path under tests/fixtures/ (e.g. 'pages/x.html'). */
export function fixtureHtml(name: string): string {
  const candidates = [join(ROOT, 'corpus', name), join(ROOT, 'pages', name), join(ROOT, name)];
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new Error(`fixture not found: ${name}`);
  return readFileSync(path, 'utf8');
}

export function corpusManifest(): CorpusEntry[] {
  return JSON.parse(readFileSync(join(ROOT, 'corpus', 'manifest.json'), 'utf8')) as CorpusEntry[];
}

/** The address a corpus page was served from (manifest original_url, else a plausible one). */
export function corpusUrl(name: string): string {
  const entry = corpusManifest().find((e) => e.file === name);
  if (entry?.original_url) return entry.original_url;
  const known: Record<string, string> = {
    '007-govcn-home.html': 'https://www.gov.cn/',
    '001-govcn-gongbao-article.html': 'https://www.gov.cn/gongbao/content/2007/content_690682.htm',
    '014-yichun-portal-home-raw.html': 'https://www.yichun.gov.cn/',
  };
  return known[name] ?? 'https://www.example.gov.cn/';
}

/**
 * Parsed fixtures, one per name for the whole test file: parsing a real page in happy-dom costs
 * far more than any rule's check, and the scanner never changes the document it reads.
 */
const parsed = new Map<string, Document>();

/** Load a fixture as a Document, parsed once per test file (treat it as read-only). */
export function loadFixture(name: string): Document {
  let doc = parsed.get(name);
  if (!doc) parsed.set(name, (doc = docFromHtml(fixtureHtml(name))));
  return doc;
}

/** Load a fixture as a PageModel; url defaults to the corpus page's own address. */
export function loadPage(name: string, url?: string): PageModel {
  return new PageModel(loadFixture(name), url ?? corpusUrl(name), { t2s: PAIRS });
}

/** Build a PageModel from an HTML snippet (with the Traditional→Simplified pairs the background sends). */
export function pageFromHtml(html: string, url = 'https://www.example.gov.cn/'): PageModel {
  return new PageModel(docFromHtml(html), url, { t2s: PAIRS });
}
