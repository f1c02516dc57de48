/**
 * Overlay styles live inside the shadow root: page CSS cannot reach them, and
 * `:host { all: initial }` stops inherited page fonts and colours leaking in.
 */
export const OVERLAY_CSS = `
:host { all: initial !important; display: block !important; visibility: visible !important; opacity: 1 !important; position: static !important; contain: none !important; }
* { box-sizing: border-box; font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
.gsi-layer { position: absolute; left: 0; top: 0; width: 0; height: 0; z-index: 2147483646; }
.gsi-box { position: absolute; border: 2px solid #ef6c00; background: rgba(255, 193, 7, .18); pointer-events: none; border-radius: 2px; }
.gsi-box.gsi-veto { border-color: #c62828; background: rgba(198, 40, 40, .12); }
.gsi-box.gsi-hint { border-color: #1565c0; background: rgba(21, 101, 192, .10); }
.gsi-box.gsi-confirmed { border-style: solid; }
.gsi-box.gsi-flash { animation: gsi-flash .9s 2; }
@keyframes gsi-flash { 50% { background: rgba(255, 235, 59, .8); } }
.gsi-tag { position: absolute; height: 18px; font-size: 12px; line-height: 16px; padding: 1px 5px; color: #fff; border-radius: 3px 3px 3px 0; cursor: pointer; white-space: nowrap; max-width: 260px; overflow: hidden; text-overflow: ellipsis; pointer-events: auto; }
.gsi-panel { position: fixed; right: 12px; bottom: 12px; width: 360px; max-height: 70vh; display: flex; flex-direction: column; background: #fff; color: #222; border: 1px solid #bbb; border-radius: 6px; box-shadow: 0 4px 18px rgba(0,0,0,.25); font-size: 13px; z-index: 2147483647; }
.gsi-panel.gsi-collapsed { width: auto; }
.gsi-panel.gsi-dock-left { right: auto; left: 12px; }
.gsi-head-btn { padding: 0 4px; border-radius: 3px; cursor: pointer; }
.gsi-head-btn:hover { background: rgba(255,255,255,.25); }
.gsi-badge { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; font-size: 12px; line-height: 16px; padding: 4px 10px; border: 0; border-radius: 14px; background: #8b0000; color: #fff; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
.gsi-badge.gsi-dock-left { right: auto; left: 12px; }
.gsi-panel-head { display: flex; gap: 6px; align-items: center; padding: 6px 8px; background: #8b0000; color: #fff; border-radius: 6px 6px 0 0; cursor: pointer; }
.gsi-panel-head b { flex: 1; font-weight: 600; }
.gsi-count { font-size: 12px; padding: 0 6px; border-radius: 8px; background: rgba(255,255,255,.25); }
.gsi-panel-body { overflow: auto; padding: 6px; }
.gsi-state { padding: 6px; color: #555; }
.gsi-state.gsi-error { color: #b71c1c; }
.gsi-card { border: 1px solid #ddd; border-radius: 4px; padding: 6px; margin-bottom: 6px; background: #fff; }
.gsi-card.gsi-dismissed { opacity: .6; }
.gsi-card.gsi-active { outline: 2px solid #1565c0; }
.gsi-card-head { display: flex; gap: 4px; align-items: center; flex-wrap: wrap; font-size: 12px; }
.gsi-num { font-weight: 700; }
.gsi-sev { color: #fff; padding: 0 4px; border-radius: 3px; }
.gsi-rule { color: #666; font-family: monospace; }
.gsi-review { color: #6a1b9a; border: 1px solid #6a1b9a; border-radius: 3px; padding: 0 3px; }
.gsi-status { margin-left: auto; color: #333; }
.gsi-msg { margin: 4px 0; line-height: 1.45; cursor: pointer; white-space: pre-wrap; word-break: break-all; }
.gsi-quote, .gsi-detail, .gsi-note { font-size: 12px; color: #555; margin: 2px 0; word-break: break-all; }
.gsi-orphan { color: #b71c1c; font-weight: 600; }
.gsi-actions { display: flex; gap: 4px; margin-top: 4px; }
.gsi-btn { font-size: 12px; padding: 2px 8px; border: 1px solid #8b0000; background: #8b0000; color: #fff; border-radius: 3px; cursor: pointer; }
.gsi-btn.gsi-plain { background: #fff; color: #8b0000; }
.gsi-edit textarea, .gsi-form textarea, .gsi-form input, .gsi-form select { width: 100%; font-size: 12px; margin: 2px 0; padding: 3px; border: 1px solid #aaa; border-radius: 3px; }
.gsi-form { border: 1px solid #1565c0; border-radius: 4px; padding: 6px; margin-bottom: 6px; background: #f5f9ff; }
.gsi-form label { display: block; font-size: 12px; color: #333; margin-top: 4px; }
.gsi-flag-btn { position: fixed; z-index: 2147483647; font-size: 12px; padding: 3px 8px; border-radius: 3px; border: 1px solid #8b0000; background: #8b0000; color: #fff; cursor: pointer; box-shadow: 0 2px 6px rgba(0,0,0,.3); }
.gsi-group { font-size: 12px; font-weight: 600; margin: 6px 0 4px; color: #444; }
`;
