import { ymd } from './parse';

/** The date a CMS wrote into a document's address, at day or month precision. */
export interface UrlDate {
  /** YYYY-MM-DD when the URL carries a day, else YYYY-MM. */
  value: string;
  precision: 'day' | 'month';
  /** The URL fragment the date was read from. */
  raw: string;
}

// Most specific first: TRS t20230512_, 大汉 /art/2020/11/11/, gov.cn /2023-09/27/, /20230512/, then /202305/.
const DAY_PATTERNS: RegExp[] = [
  /\/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+/,
  /\/art\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\/art_/,
  /\/((?:19|20)\d{2})-(\d{2})\/(\d{2})\//,
  /\/((?:19|20)\d{2})(\d{2})(\d{2})\//,
];
const MONTH_PATTERNS: RegExp[] = [/\/((?:19|20)\d{2})(\d{2})\//, /\/((?:19|20)\d{2})-(\d{2})\//];

export function urlDate(url: string | URL): UrlDate | null {
  let path: string;
  try {
    path = new URL(String(url)).pathname;
  } catch {
    return null;
  }
  for (const re of DAY_PATTERNS) {
    const m = re.exec(path);
    if (!m) continue;
    const d = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) return { value: d, precision: 'day', raw: m[0] };
  }
  for (const re of MONTH_PATTERNS) {
    const m = re.exec(path);
    if (!m) continue;
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return { value: `${m[1]}-${m[2]}`, precision: 'month', raw: m[0] };
  }
  return null;
}
