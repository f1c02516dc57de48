import type { InspectorDB } from './db';
import { siteKeyOf, validCorrection, type ColumnCorrection, type CorrectionPatch } from '../scan/corrections';

/** The inspector's column-map corrections: one site's, or every site's for the dashboard. */
export async function listCorrections(db: InspectorDB, url?: string): Promise<ColumnCorrection[]> {
  const all = url ? await db.columnCorrections.where('site').equals(siteKeyOf(url)).toArray() : await db.columnCorrections.toArray();
  return all.sort((a, b) => a.site.localeCompare(b.site) || b.updatedAt - a.updatedAt);
}

/** New or changed correction of one block: one record per site and block (its CSS path). */
export interface CorrectionInput extends CorrectionPatch {
  pageUrl: string;
  selector: string;
  anchor: string;
  originalName: string;
  added?: boolean;
}

export async function saveCorrection(db: InspectorDB, input: CorrectionInput): Promise<ColumnCorrection> {
  const site = siteKeyOf(input.pageUrl);
  if (!site) throw new Error('无法识别该页面所属网站，未保存栏目修正');
  const id = `${site}|${input.selector}`;
  const prev = await db.columnCorrections.get(id);
  const record: ColumnCorrection = {
    ...(prev ?? {}),
    id,
    site,
    selector: input.selector,
    anchor: input.anchor.slice(0, 200),
    pageUrl: input.pageUrl,
    originalName: prev?.originalName ?? input.originalName.slice(0, 100),
    ...(input.added || prev?.added ? { added: true } : {}),
    name: input.name === undefined ? (prev?.name ?? null) : input.name?.trim().slice(0, 30) || null,
    cls: input.cls === undefined ? (prev?.cls ?? null) : input.cls,
    blank: input.blank === undefined ? (prev?.blank ?? null) : input.blank,
    notColumn: input.notColumn ?? prev?.notColumn ?? false,
    updatedAt: Date.now(),
  };
  if (!validCorrection(record)) throw new Error('栏目修正内容不完整或过长，未保存');
  await db.columnCorrections.put(record);
  return record;
}

export async function updateCorrection(db: InspectorDB, id: string, patch: CorrectionPatch): Promise<ColumnCorrection> {
  const prev = await db.columnCorrections.get(id);
  if (!prev) throw new Error('该栏目修正已不存在');
  const next: ColumnCorrection = { ...prev, ...patch, name: patch.name === undefined ? prev.name : patch.name?.trim().slice(0, 30) || null, updatedAt: Date.now() };
  if (!validCorrection(next)) throw new Error('栏目修正内容不完整或过长，未保存');
  await db.columnCorrections.put(next);
  return next;
}

export async function deleteCorrection(db: InspectorDB, id: string): Promise<void> {
  await db.columnCorrections.delete(id);
}
