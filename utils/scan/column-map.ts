import { columnsOf, type ColumnClass } from './columns';
import { anchorOf, selectorOf } from './corrections';
import type { PageModel } from './page';
import type { ScanContext } from './types';
import { ageAt, limitDays, periodLabel } from '../dates/limits';

/** One column as the map shows it: what the freshness verdict rests on. */
export interface ColumnMapEntry {
  name: string;
  cls: ColumnClass;
  /** 2周 / 6个月 / 1年: the class limit in the indicators' words. */
  period: string;
  newest: string | null;
  ageDays: number | null;
  blank: boolean;
  placeholder: string | null;
  stale: boolean;
  yearAmbiguous: boolean;
  /** Id of the inspector's correction applied to it, if any. */
  correctionId: string | null;
  /** Where a correction of this column is stored (CSS path + text anchor). */
  selector: string;
  anchor: string;
  element: Element;
}

/** The page's columns with their class, newest date, age and verdict, corrections applied. */
export function columnMap(page: PageModel, ctx: ScanContext): ColumnMapEntry[] {
  return columnsOf(page, ctx).map((c) => {
    const limit = limitDays(c.cls, ctx.thresholds);
    const age = c.newest ? ageAt(c.newest, ctx.monitoringDate) : null;
    return {
      name: c.name,
      cls: c.cls,
      period: periodLabel(limit),
      newest: c.newest,
      ageDays: age,
      blank: c.blank,
      placeholder: c.placeholder ?? null,
      stale: !c.blank && age !== null && age > limit,
      yearAmbiguous: !!c.yearAmbiguous,
      correctionId: c.correctionId ?? null,
      selector: selectorOf(c.element),
      anchor: anchorOf(c.element, c.heading),
      element: c.element,
    };
  });
}

/** The label a column's outline carries on the page. */
export function mapLabel(e: Pick<ColumnMapEntry, 'name' | 'period' | 'newest' | 'ageDays' | 'blank' | 'stale' | 'yearAmbiguous' | 'correctionId'>): string {
  const state = e.blank ? '空白' : !e.newest ? '无日期' : `最新 ${e.newest}（${e.ageDays}天${e.stale ? '，超期' : ''}${e.yearAmbiguous ? '，年份待核实' : ''}）`;
  return `${e.name} · ${e.period} · ${state}${e.correctionId ? ' · 已人工修正' : ''}`;
}
