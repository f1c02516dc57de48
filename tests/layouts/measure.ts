import type { TruthColumn } from './generator';

/** What the detector reports about one column, as compared with the generated truth. */
export interface DetectedColumn {
  name: string;
  newest: string | null;
  blank: boolean;
  yearAmbiguous?: boolean;
}

export interface Comparison {
  found: number;
  total: number;
  /** Detected columns that are not on the page's truth (by name). */
  extra: string[];
  misses: string[];
}

/**
 * A generated column is found when a detected column has its name, its newest date and its
 * blankness, and says the year is uncertain exactly when the page leaves it uncertain.
 */
export function compareColumns(truth: TruthColumn[], detected: DetectedColumn[]): Comparison {
  const misses: string[] = [];
  let found = 0;
  for (const t of truth) {
    const d = detected.find((c) => c.name === t.name);
    const ok = d && d.blank === t.blank && (t.blank || d.newest === t.newest) && !!d.yearAmbiguous === !!t.yearAmbiguous;
    if (ok) found++;
    else misses.push(d ? `${t.name}: got ${d.newest ?? '-'}${d.blank ? ' 空白' : ''}${d.yearAmbiguous ? ' 年份待核实' : ''}, want ${t.newest ?? '-'}${t.blank ? ' 空白' : ''}${t.yearAmbiguous ? ' 年份待核实' : ''}` : `${t.name}: not found`);
  }
  const names = new Set(truth.map((t) => t.name));
  return { found, total: truth.length, extra: detected.filter((d) => !names.has(d.name)).map((d) => d.name), misses };
}
