// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { SuspectList } from './SuspectList';
import type { Finding } from '../utils/db/types';

const suspect = { id: 'f1', ruleId: 'suspected-typo', quote: { exact: '调正', prefix: '', suffix: '' }, detail: { wrong: '正', right: '整', word: '调整', sentence: '需要调正的' } } as unknown as Finding;

describe('SuspectList', () => {
  it('a key pressed as soon as the list shows its first suspect acts on it (not on the empty list before)', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const onAccept = vi.fn();
    const onReject = vi.fn();
    act(() => render(<SuspectList suspects={[]} onAccept={onAccept} onReject={onReject} />, root));
    // The list arrives; the key comes before the browser has run this render's effects.
    render(<SuspectList suspects={[suspect]} onAccept={onAccept} onReject={onReject} />, root);
    expect(root.textContent).toContain('调正');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true }));
    expect(onReject).toHaveBeenCalledWith(suspect);
    expect(onAccept).not.toHaveBeenCalled();
    act(() => render(null, root));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(onAccept).not.toHaveBeenCalled(); // unmounted: the listener is gone
  });
});
