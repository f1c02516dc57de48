/**
 * The quarter's workspace behind the dashboard, one module per concern. Database work (Dexie,
 * testable with fake-indexeddb): roster-store, rectification (rounds and 整改), newmedia-store,
 * sheets-store, backup-store. Pure logic (no IndexedDB at all): verdicts, coverage, finding-list.
 * This file only re-exports them, so callers keep one import path.
 */
export * from './roster-store';
export * from './verdicts';
export * from './coverage';
export * from './rectification';
export * from './newmedia-store';
export * from './sheets-store';
export * from './backup-store';
export * from './finding-list';
