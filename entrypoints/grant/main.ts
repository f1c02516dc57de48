/**
 * 截图取证 on first use, asked for right where the inspector clicked: this page runs in an
 * extension-origin frame inside the panel, so its button's click is a user gesture that may call
 * permissions.request (a content script may not). Chrome then shows its own prompt; nothing here
 * can grant anything by itself, and the page around the frame cannot click into it.
 */
import { browser } from 'wxt/browser';
import { send } from '../../utils/messages';

const app = document.getElementById('app')!;

function show(text: string, error = false) {
  app.replaceChildren();
  const p = document.createElement('p');
  p.textContent = text;
  if (error) p.className = 'error';
  const ask = document.createElement('button');
  ask.textContent = '允许截图取证';
  ask.dataset.action = 'grant';
  ask.addEventListener('click', () => void request());
  const cancel = document.createElement('button');
  cancel.textContent = '取消';
  cancel.className = 'plain';
  cancel.dataset.action = 'cancel';
  cancel.addEventListener('click', () => void send({ type: 'grant:done', granted: false }));
  app.append(p, ask, ' ', cancel);
}

async function request() {
  let granted = false;
  try {
    granted = await browser.permissions.request({ origins: ['<all_urls>'] });
  } catch (e) {
    show(`浏览器未能弹出授权窗口：${(e as Error).message}。也可按 Alt+Shift+S 或在页面右键选择“截图取证”。`, true);
    return;
  }
  if (!granted) {
    show('未授权。仍可按 Alt+Shift+S 或在页面右键选择“截图取证”（这两种方式无需授权）。', true);
    return;
  }
  // The panel that opened this frame retries the capture and removes the frame.
  await send({ type: 'grant:done', granted: true });
}

show('截图取证需要“读取网页截图”的授权（Chrome 的截图接口只接受“所有网站”这一项授权，扩展只在您点击截图时使用它）。');
