/**
 * Long analyses written as generators: each `yield` is a point where the scan may hand the
 * main thread back to the page. Tests and rules run them straight through; the content
 * script runs them in slices of a few milliseconds.
 */
export type Steps<T> = Generator<void, T, void>;

export function runSync<T>(steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

export async function runSliced<T>(steps: Steps<T>, yieldToPage: () => Promise<void>, now: () => number, budgetMs = 8): Promise<T> {
  let start = now();
  let r = steps.next();
  while (!r.done) {
    if (now() - start >= budgetMs) {
      await yieldToPage();
      start = now();
    }
    r = steps.next();
  }
  return r.value;
}
