// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RetryQueue } from './retry-queue';
import { fakeTimers } from '../tests/fake-timers';

describe('RetryQueue', () => {
  it('retries with growing pauses until the write goes through, and loses nothing meanwhile', async () => {
    const t = fakeTimers();
    let fails = 2;
    const stored: string[] = [];
    const q = new RetryQueue([1000, 2000, 4000], t, () => undefined);
    q.keep('scan', '扫描结果', async () => {
      if (fails-- > 0) throw new Error('QuotaExceededError');
      stored.push('scan');
    }, new Error('QuotaExceededError'));
    expect(q.note()).toContain('扫描结果未能保存');
    expect(await t.fire()).toBe(1000);
    expect(await t.fire()).toBe(2000);
    expect(await t.fire()).toBe(4000);
    expect(stored).toEqual(['scan']);
    expect(q.size).toBe(0);
    expect(q.note()).toBeNull();
  });

  it('after the bounded retries it waits for the inspector, then tries again', async () => {
    const t = fakeTimers();
    let ok = false;
    const q = new RetryQueue([10], t, () => undefined);
    q.keep('patch:f1', '判定', async () => {
      if (!ok) throw new Error('blocked');
    }, new Error('blocked'));
    await t.fire();
    expect(t.due).toHaveLength(0);
    expect(q.note()).toContain('请处理后切换回本标签页重试');
    ok = true;
    q.retryAllNow();
    await new Promise((r) => setTimeout(r, 0));
    expect(q.size).toBe(0);
  });

  it('a newer write of the same thing replaces the waiting one; a successful newer write drops it', () => {
    const t = fakeTimers();
    const q = new RetryQueue<{ patch: string }>([1000], t, () => undefined);
    q.keep('patch:f1', '判定', async () => undefined, 'x', { patch: 'confirmed' });
    q.keep('patch:f1', '判定', async () => undefined, 'x', { patch: 'dismissed' });
    expect(q.size).toBe(1);
    expect(t.due).toHaveLength(1);
    expect(q.get('patch:f1')?.extra?.patch).toBe('dismissed');
    q.drop('patch:f1');
    expect(q.size).toBe(0);
    expect(t.due).toHaveLength(0);
  });
});
