import { ColumnMapLayer, COLUMN_MAP_CSS, type MapBox, type MapEdit } from './ColumnMapLayer';
import { columnMap, mapLabel, type ColumnMapEntry } from '../utils/scan/column-map';
import { anchorOf, selectorOf } from '../utils/scan/corrections';
import { classifyColumn } from '../utils/scan/columns';
import { PageModel } from '../utils/scan/page';
import type { ControllerApi, PageFeature } from '../utils/content/controller';
import { errorText } from '../utils/errors';

export interface ColumnMapDeps {
  doc: Document;
  url: () => string;
  /** Nodes and event targets of our own overlay (utils/content/host.ts). */
  owns: (target: EventTarget | null) => boolean;
}

/**
 * The column map on the page, a PageFeature: outlines every detected column with
 * name, class, newest date and age; a click on a label corrects it, 添加漏检栏目 lets the
 * inspector pick a block the detection missed. Corrections go to the background, which keeps
 * them per site (filed under this page's address, taken from the sender), and a re-scan follows
 * so the findings use the corrected map. Top frame only: Alt+Shift+L and the `columns:map` message.
 */
export function columnMapFeature(deps: ColumnMapDeps): PageFeature & { readonly shown: boolean } {
  let shown = false;
  let entries: ColumnMapEntry[] = [];
  let editing: { key: string; initial: MapEdit; added: boolean; target: { selector: string; anchor: string; originalName: string } } | null = null;
  let picking: { el: Element | null } | null = null;
  let error: string | null = null;
  let api: ControllerApi | null = null;

  const view = deps.doc.defaultView;
  const rectOf = (el: Element): MapBox['rect'] => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return null; // a hidden tab pane: listed in the bar instead
    return { left: r.left + (view?.scrollX ?? 0), top: r.top + (view?.scrollY ?? 0), width: r.width, height: r.height };
  };
  const keyOf = (e: ColumnMapEntry, i: number) => `${i}:${e.selector}`;

  /** Detection runs again on the live page with the site's current corrections. */
  const refresh = async () => {
    if (!shown || !api) return;
    try {
      const { ctx } = await api.ask({ type: 'scan:context' });
      entries = columnMap(new PageModel(deps.doc, deps.url(), { homeUrl: ctx.homeUrl }), ctx);
      error = null;
    } catch (err) {
      error = `栏目图未能更新：${errorText(err)}`;
    }
    api.redraw();
  };

  const toggle = (a: ControllerApi, show = !shown): boolean => {
    api = a;
    shown = show;
    if (!shown) {
      stopPick();
      editing = null;
      a.redraw();
    } else void refresh();
    return shown;
  };

  const edit = (key: string) => {
    const e = entries.find((x, i) => keyOf(x, i) === key);
    if (!e) return;
    editing = { key, added: false, initial: { name: e.name, cls: e.cls, blank: null, notColumn: false }, target: { selector: e.selector, anchor: e.anchor, originalName: e.name } };
    error = null;
    api?.redraw();
  };

  const save = async (e: MapEdit) => {
    if (!editing || !api) return;
    const { target, added, initial } = editing;
    try {
      await api.ask({
        type: 'column:correct',
        input: {
          ...target,
          ...(added ? { added: true } : {}),
          ...(e.name !== initial.name || added ? { name: e.name } : {}),
          ...(e.cls !== initial.cls || added ? { cls: e.cls } : {}),
          ...(e.blank !== null ? { blank: e.blank } : {}),
          notColumn: e.notColumn,
        },
      });
      editing = null;
      error = null;
      void api.scan();
      await refresh();
    } catch (err) {
      // The editor stays open with what was typed.
      error = `未能保存：${errorText(err)}`;
      api.redraw();
    }
  };

  // Picking a missed block: the pointer highlights, a click chooses. Only the inspector's own
  // (trusted) events count; the page cannot pick for them.
  const onMove = (ev: MouseEvent) => {
    if (!picking || !ev.isTrusted || deps.owns(ev.target)) return;
    const el = ev.target instanceof Element ? blockAt(ev.target) : null;
    if (el !== picking.el) {
      picking.el = el;
      api?.redraw();
    }
  };
  const onClick = (ev: MouseEvent) => {
    if (!picking || !ev.isTrusted || deps.owns(ev.target)) return;
    ev.preventDefault();
    ev.stopPropagation();
    const el = ev.target instanceof Element ? blockAt(ev.target) : null;
    stopPick();
    if (el) {
      const name = guessName(el);
      editing = {
        key: 'new',
        added: true,
        initial: { name, cls: classifyColumn(name), blank: null, notColumn: false },
        target: { selector: selectorOf(el), anchor: anchorOf(el, null), originalName: name || '人工添加栏目' },
      };
    }
    api?.redraw();
  };
  const onKey = (ev: KeyboardEvent) => {
    if (picking && ev.key === 'Escape' && ev.isTrusted) {
      stopPick();
      api?.redraw();
    }
  };
  const startPick = () => {
    picking = { el: null };
    editing = null;
    deps.doc.addEventListener('mousemove', onMove, true);
    deps.doc.addEventListener('click', onClick, true);
    deps.doc.addEventListener('keydown', onKey, true);
    api?.redraw();
  };
  const stopPick = () => {
    picking = null;
    deps.doc.removeEventListener('mousemove', onMove, true);
    deps.doc.removeEventListener('click', onClick, true);
    deps.doc.removeEventListener('keydown', onKey, true);
  };

  return {
    name: 'column-map',
    get shown() {
      return shown;
    },
    keys: {
      KeyL: (a) => {
        if (a.isTop) toggle(a);
      },
    },
    onMessage(msg, reply, a) {
      if (msg.type !== 'columns:map' || !a.isTop) return false;
      reply(toggle(a, typeof msg.show === 'boolean' ? msg.show : undefined));
      return true;
    },
    onScan(_result, _findings, a) {
      api = a;
      void refresh();
    },
    render(a) {
      api = a;
      if (!shown) return null;
      // Positions are measured at each draw, so a relayout (resize, late content) moves the outlines.
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
      return (
        <>
          <style>{COLUMN_MAP_CSS}</style>
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
              a.redraw();
            }}
            onStartPick={startPick}
            onClose={() => toggle(a, false)}
          />
        </>
      );
    },
    dispose() {
      stopPick();
    },
  };
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
