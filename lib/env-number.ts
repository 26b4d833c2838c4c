/**
 * A whole number from the environment, or `fallback` when unset. Anything else (a typo, "ten", a
 * negative number, out of range) stops the console with a message naming the variable, instead of
 * silently turning a limit off.
 */
export function wholeNumberFromEnv(name: string, fallback: number, range: { min: number; max: number }, env = process.env): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new Error(`${name} must be a whole number from ${range.min} to ${range.max}; it is "${raw}".`);
  }
  return value;
}
