import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/Popup';

/** The popup reports on the active tab's site; `?url=` lets the dashboard and tests open it for any page. */
async function targetUrl(): Promise<string> {
  const fromQuery = new URLSearchParams(location.search).get('url');
  if (fromQuery) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url ?? '';
}

void targetUrl().then((url) => render(<Popup url={url} />, document.getElementById('app')!));
