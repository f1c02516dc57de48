import { render } from 'preact';
import { browser } from 'wxt/browser';
import { SidePanel } from '../../components/SidePanel';
import { OVERLAY_CSS } from '../../components/overlay-style';

// The side panel follows the active tab; `?tabId=` pins it to one tab (used by tests).
const style = document.createElement('style');
style.textContent = OVERLAY_CSS.replace(/:host \{[^}]*\}/, '');
document.head.appendChild(style);

const pinned = Number(new URLSearchParams(location.search).get('tabId')) || null;

async function activeTabId(): Promise<number | null> {
  if (pinned) return pinned;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const root = document.getElementById('app')!;
const show = async () => render(<SidePanel tabId={await activeTabId()} />, root);
void show();
if (!pinned) {
  browser.tabs.onActivated.addListener(() => void show());
}
