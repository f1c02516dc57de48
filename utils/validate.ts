/**
 * Tiny runtime shape checks for data that crosses a trust boundary (messages from content
 * scripts that share a tab with the inspected site). Each check returns null when the value
 * fits, else a short reason naming the path. Objects are exact: an unknown key is an error,
 * so a forged extra field never reaches the database.
 */
export type Check = (value: unknown, path?: string) => string | null;

const at = (path: string | undefined, what: string) => `${path || 'value'}: ${what}`;

export const str =
  (max: number, pattern?: RegExp): Check =>
  (v, p) =>
    typeof v !== 'string' ? at(p, 'not a string') : v.length > max ? at(p, `longer than ${max}`) : pattern && !pattern.test(v) ? at(p, 'bad format') : null;

export const int =
  (min: number, max: number): Check =>
  (v, p) =>
    typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max ? at(p, `not an integer in ${min}..${max}`) : null;

export const num: Check = (v, p) => (typeof v !== 'number' || !Number.isFinite(v) ? at(p, 'not a finite number') : null);

export const bool: Check = (v, p) => (typeof v !== 'boolean' ? at(p, 'not a boolean') : null);

export const oneOf =
  (...values: readonly (string | number | boolean | null)[]): Check =>
  (v, p) =>
    values.includes(v as string) ? null : at(p, 'not an allowed value');

export const nullable =
  (check: Check): Check =>
  (v, p) =>
    v === null ? null : check(v, p);

export const arr =
  (item: Check, max: number): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return at(p, 'not an array');
    if (v.length > max) return at(p, `more than ${max} items`);
    for (let i = 0; i < v.length; i++) {
      const e = item(v[i], `${p ?? ''}[${i}]`);
      if (e) return e;
    }
    return null;
  };

/**
 * Keys marked optional by a trailing '?' in the shape, e.g. `{ 'names?': bool }`.
 * `loose`: unknown keys are allowed (for data the receiver copies field by field, such as a
 * scan result, so a field added by a newer scanner does not make the whole scan rejected).
 */
export const obj =
  (shape: Record<string, Check>, { loose = false } = {}): Check =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return at(p, 'not an object');
    const fields = new Map(Object.entries(shape).map(([k, c]) => [k.replace(/\?$/, ''), { check: c, optional: k.endsWith('?') }]));
    if (!loose) for (const key of Object.keys(v)) if (!fields.has(key)) return at(p, `unexpected field ${key}`);
    for (const [key, { check, optional }] of fields) {
      const value = (v as Record<string, unknown>)[key];
      if (value === undefined) {
        if (optional) continue;
        return at(`${p ? `${p}.` : ''}${key}`, 'missing');
      }
      const e = check(value, `${p ? `${p}.` : ''}${key}`);
      if (e) return e;
    }
    return null;
  };

/** A plain string-keyed map of scalar values (finding `detail`). */
export const scalarRecord =
  (maxKeys: number, maxString: number): Check =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return at(p, 'not an object');
    const entries = Object.entries(v);
    if (entries.length > maxKeys) return at(p, `more than ${maxKeys} keys`);
    for (const [k, x] of entries) {
      if (k.length > 100) return at(p, 'key too long');
      if (x === null || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))) continue;
      if (typeof x === 'string' && x.length <= maxString) continue;
      return at(`${p ?? ''}.${k}`, 'not a scalar');
    }
    return null;
  };

/** Serialised size in UTF-16 units: a cheap upper bound on what a message costs to store. */
export function sizeOf(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Infinity;
  }
}
