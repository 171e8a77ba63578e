/**
 * Whether two values decoded from the core (plain data: objects, arrays, strings, numbers,
 * booleans, null) hold the same data. A list reloaded every few hundred milliseconds during a first
 * sync gets the same rows back as new objects; keeping the old object for an unchanged row lets its
 * memoised component skip rendering, and lets the new copy die young instead of being kept alive
 * by the list (the renderer's collector traced at 30 ms for such copies).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) if (!(key in right) || !sameData(left[key], right[key])) return false;
  return true;
}
