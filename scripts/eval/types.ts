/** One line of the eval report. */
export interface Row {
  metric: string;
  value: number | string;
  /** Human-readable target, e.g. '≥ 0.95'. */
  target?: string | number;
  pass?: boolean;
}

/** A section of the report: one area of the checker (freshness, text, identity…). */
export interface Section {
  section: string;
  rows: Row[];
}
