import { render } from 'preact';
import { ColumnMapLayer, COLUMN_MAP_CSS, type MapBox, type MapEdit } from './ColumnMapLayer';
import { columnMap, mapLabel, type ColumnMapEntry } from '../utils/scan/column-map';
import { anchorOf, selectorOf } from '../utils/scan/corrections';
import { classifyColumn } from '../utils/scan/columns';
import { PageModel } from '../utils/scan/page';
import type { ScanContext } from '../utils/scan/types';
import type { CorrectionInput } from '../utils/db/column-corrections';
import { errorText } from '../utils/errors';

export interface ColumnMapDeps {
  doc: Document;
  /** Inside the overlay's shadow root: the page's CSS cannot reach it. */
  mount: Element;
  url: () => string;
  /** The scan context with the site's current corrections. */
  context: () => Promise<ScanContext>;
  /** The page address is the background's to fill in (from the sender), not the page's. */
  save: (input: Omit<CorrectionInput, 'pageUrl'>) => Promise<void>;
  /** After a correction is stored: re-scan so the findings follow the corrected map. */
  changed: () => void;
  /** Events inside our own overlay are not the page's. */
  ownEvent: (e: Event) => boolean;
}

export interface ColumnMapController {
  readonly shown: boolean;
  /** Show or hide (the map fills in once detection has run); returns whether it is now shown. */
  toggle(show?: boolean): boolean;
  /** Re-detect and redraw (after a scan, a relayout or a correction). */
  refresh(): Promise<void>;
  /** Recompute positions only (scroll, resize). */
  relayout(): void;
  destroy(): void;
}

/**
 * The column map on the page (issue 15): outlines every detected column with name, class,
 * newest date and age; a click on a label corrects it, 添加漏检栏目 lets the inspector pick a
 * block the detection missed. Corrections go to the background, which keeps them per site.
 */
export function createColumnMap(deps: ColumnMapDeps): ColumnMapController {
  const style = deps.doc.createElement('style');
  style.textContent = COLUMN_MAP_CSS;
  const root = deps.doc.createElement('div');
  deps.mount.append(style, root);

  let shown = false;
  let entries: ColumnMapEntry[] = [];
  let editing: { key: string; initial: MapEdit; added: boolean; target: { selector: string; anchor: string; originalName: string } } | null = null;
  let picking: { el: Element | null } | null = null;
  let error: string | null = null;

  const view = deps.doc.defaultView;
  const rectOf = (el: Element): MapBox['rect'] => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return null; // a hidden tab pane: listed in the bar instead
    return { left: r.left + (view?.scrollX ?? 0), top: r.top + (view?.scrollY ?? 0), width: r.width, height: r.height };
  };
  const keyOf = (e: ColumnMapEntry, i: number) => `${i}:${e.selector}`;

  const draw = () => {
    if (!shown) {
      render(null, root);
      return;
    }
    const boxes: MapBox[] = entries.map((e, i) => ({
      key: keyOf(e, i),
      label: mapLabel(e),
      name: e.name,
      cls: e.cls,
      blank: e.blank,
      stale: e.stale,
      yearAmbiguous: e.yearAmbiguous,
      corrected: !!e.correctionId,
      rect: rectOf(e.element),
    }));
    render(
      <ColumnMapLayer
        boxes={boxes}
        picking={picking ? { rect: picking.el ? rectOf(picking.el) : null } : null}
        editing={editing}
        error={error}
        onEdit={edit}
        onSave={(e) => void save(e)}
        onCancelEdit={() => {
          editing = null;
          error = null;
          draw();
        }}
        onStartPick={startPick}
        onClose={() => controller.toggle(false)}
      />,
      root,
    );
  };

  const edit = (key: string) => {
    const i = entries.findIndex((e, k) => keyOf(e, k) === key);
    const e = entries[i];
    if (!e) return;
    editing = { key, added: false, initial: { name: e.name, cls: e.cls, blank: null, notColumn: false }, target: { selector: e.selector, anchor: e.anchor, originalName: e.name } };
    error = null;
    draw();
  };

  const save = async (e: MapEdit) => {
    if (!editing) return;
    const { target, added, initial } = editing;
    try {
      await deps.save({
        ...target,
        ...(added ? { added: true } : {}),
        name: e.name !== initial.name || added ? e.name : undefined,
        cls: e.cls !== initial.cls || added ? e.cls : undefined,
        blank: e.blank ?? undefined,
        notColumn: e.notColumn,
      });
      editing = null;
      error = null;
      deps.changed();
      await controller.refresh();
    } catch (err) {
      // The editor stays open with what was typed.
      error = `未能保存：${errorText(err)}`;
      draw();
    }
  };

  // Picking a missed block: the pointer highlights, a click chooses. Only the inspector's own
  // (trusted) events count; the page cannot pick for them.
  const onMove = (ev: MouseEvent) => {
    if (!picking || !ev.isTrusted || deps.ownEvent(ev)) return;
    const el = ev.target instanceof Element ? blockAt(ev.target) : null;
    if (el !== picking.el) {
      picking.el = el;
      draw();
    }
  };
  const onClick = (ev: MouseEvent) => {
    if (!picking || !ev.isTrusted || deps.ownEvent(ev)) return;
    ev.preventDefault();
    ev.stopPropagation();
    const el = ev.target instanceof Element ? blockAt(ev.target) : null;
    stopPick();
    if (!el) return;
    const name = guessName(el);
    editing = {
      key: 'new',
      added: true,
      initial: { name, cls: classifyColumn(name), blank: null, notColumn: false },
      target: { selector: selectorOf(el), anchor: anchorOf(el, null), originalName: name || '人工添加栏目' },
    };
    draw();
  };
  const onKey = (ev: KeyboardEvent) => {
    if (picking && ev.key === 'Escape' && ev.isTrusted) {
      stopPick();
      draw();
    }
  };
  const startPick = () => {
    picking = { el: null };
    editing = null;
    deps.doc.addEventListener('mousemove', onMove, true);
    deps.doc.addEventListener('click', onClick, true);
    deps.doc.addEventListener('keydown', onKey, true);
    draw();
  };
  const stopPick = () => {
    picking = null;
    deps.doc.removeEventListener('mousemove', onMove, true);
    deps.doc.removeEventListener('click', onClick, true);
    deps.doc.removeEventListener('keydown', onKey, true);
  };

  const controller: ColumnMapController = {
    get shown() {
      return shown;
    },
    toggle(show = !shown) {
      shown = show;
      if (!shown) {
        stopPick();
        editing = null;
        draw();
        return false;
      }
      void controller.refresh();
      return true;
    },
    async refresh() {
      if (!shown) return;
      try {
        const ctx = await deps.context();
        entries = columnMap(new PageModel(deps.doc, deps.url(), { homeUrl: ctx.homeUrl }), ctx);
        error = null;
      } catch (err) {
        error = `栏目图未能更新：${errorText(err)}`;
      }
      draw();
    },
    relayout() {
      if (shown) draw();
    },
    destroy() {
      stopPick();
      render(null, root);
      root.remove();
      style.remove();
    },
  };
  return controller;
}

/** The block a click means: the nearest ancestor that holds a few links (a list with its heading). */
function blockAt(target: Element): Element | null {
  for (let el: Element | null = target; el && el.tagName !== 'BODY'; el = el.parentElement) {
    if (el.querySelectorAll('a').length >= 2 || /^(UL|OL|TABLE|DL|SECTION)$/.test(el.tagName)) return el;
  }
  return null;
}

/** A name to start from: the block's first short line of text. */
function guessName(el: Element): string {
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = (n.nodeValue || '').trim();
    if (t.length >= 2 && t.length <= 12 && /[\u4e00-\u9fff]/.test(t)) return t;
  }
  return '';
}
