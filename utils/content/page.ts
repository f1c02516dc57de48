import type { Finding } from '../db/types';
import { describeRange } from '../anchor/locate';

/**
 * The inspector's text selection on the page, kept between the click on 标记为问题 and 保存 (the
 * click itself may clear the page's selection).
 */
export function selectionKeeper(doc: Document) {
  let saved: Range | null = null;
  const win = doc.defaultView!;
  return {
    capture(): string {
      const sel = win.getSelection();
      if (sel && sel.rangeCount && !sel.isCollapsed) saved = sel.getRangeAt(0).cloneRange();
      return saved?.toString() ?? '';
    },
    clear(): void {
      saved = null;
    },
    describe(): Finding['quote'] {
      return saved ? describeRange(doc.body ?? doc.documentElement, saved) : null;
    },
    /** After a mouseup on the page: where to offer 标记为问题, or null when nothing is selected. */
    afterMouseUp(): { x: number; y: number } | null {
      const sel = win.getSelection();
      if (!sel || sel.isCollapsed || !sel.toString().trim()) return null;
      saved = sel.getRangeAt(0).cloneRange();
      const r = saved.getBoundingClientRect();
      return { x: Math.min(r.right, win.innerWidth - 100), y: Math.min(r.bottom + 6, win.innerHeight - 30) };
    },
  };
}

/** In a frame whose parent is a frameset (nested ones too) the panel shows here: the frameset itself renders nothing. */
export function parentIsFrameset(win: Window): boolean {
  try {
    return win.parent !== win && win.parent.document.body?.tagName === 'FRAMESET';
  } catch {
    return false; // cross-origin parent
  }
}
