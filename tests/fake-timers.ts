/**
 * Test helper: timers fired by hand, for modules that take their timers injected (RetryQueue,
 * the page controller), so tests step through delays without sleeping.
 */
export function fakeTimers() {
  const due: { fn: () => void; ms: number; id: number }[] = [];
  let next = 1;
  return {
    due,
    set: (fn: () => void, ms: number) => {
      const id = next++;
      due.push({ fn, ms, id });
      return id;
    },
    clear: (id: unknown) => {
      const i = due.findIndex((d) => d.id === id);
      if (i >= 0) due.splice(i, 1);
    },
    /** Fire the first timer set for `ms` (any delay when omitted), let its promises settle, return its delay. */
    async fire(ms?: number): Promise<number> {
      const i = ms === undefined ? 0 : due.findIndex((d) => d.ms === ms);
      if (i < 0 || !due[i]) throw new Error(ms === undefined ? 'no timer due' : `no timer of ${ms} ms`);
      const [d] = due.splice(i, 1);
      d!.fn();
      await settle();
      return d!.ms;
    },
  };
}

/** Let pending promise callbacks run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
