import { describe, expect, it } from 'vitest';
import { createHost, HOST_TAG } from './host';

describe('overlay host', () => {
  it('is closed to the page, swallows synthetic events and keeps typed keys from bubbling out', () => {
    const ui = createHost(document, 'p{}');
    ui.attach();
    const host = document.querySelector(HOST_TAG) as HTMLElement;
    expect(host).toBe(ui.host);
    expect(host.shadowRoot).toBeNull();

    const button = document.createElement('button');
    let clicks = 0;
    button.addEventListener('click', () => clicks++);
    const input = document.createElement('textarea');
    ui.mount.append(button, input);
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    button.click();
    expect(clicks).toBe(0);

    const heard: string[] = [];
    document.addEventListener('keyup', (e) => heard.push((e as KeyboardEvent).key));
    input.dispatchEvent(new KeyboardEvent('keyup', { key: 'a', bubbles: true, composed: true }));
    expect(heard).toEqual([]);

    expect(ui.owns(host)).toBe(true);
    expect(ui.owns(button)).toBe(true);
    expect(ui.owns(document.body)).toBe(false);
    host.remove();
    ui.attach(); // a page that removes the host gets it back on the next draw
    expect(host.isConnected).toBe(true);
    ui.remove();
  });
});
