/**
 * Where the in-page panel sits and whether it is open, remembered across pages in the extension's
 * own storage (never the page's localStorage, which the site can read and change).
 */
import { browser } from 'wxt/browser';

export type PanelMode = 'open' | 'badge' | 'side';
export interface PanelPrefs {
  dock: 'right' | 'left';
  mode: PanelMode;
}

const KEY = 'gsi-panel';
export const DEFAULT_PREFS: PanelPrefs = { dock: 'right', mode: 'open' };

export async function loadPanelPrefs(): Promise<PanelPrefs> {
  try {
    const got = (await browser.storage.local.get(KEY))[KEY] as Partial<PanelPrefs> | undefined;
    return {
      dock: got?.dock === 'left' ? 'left' : 'right',
      // The side panel does not survive a page load; the page panel comes back as a badge.
      mode: got?.mode === 'badge' || got?.mode === 'side' ? 'badge' : 'open',
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePanelPrefs(prefs: PanelPrefs): void {
  void browser.storage.local.set({ [KEY]: prefs }).catch(() => undefined);
}
