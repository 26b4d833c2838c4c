// The console server's V8 heap limits, set by scripts/start.mjs. Without a cap V8 lets garbage grow to
// several hundred MB before it collects (a 10,000-user grant took the console with its in-process worker
// to 700 MB); with it, the process stays near 300 MB at the cost of more frequent collections.

/** Default cap of the console's V8 old space, in MB (CONSOLE_MAX_HEAP_MB overrides it). */
export const DEFAULT_CONSOLE_MAX_HEAP_MB = 144;
/** Young generation semi-space, in MB: small, so short-lived objects of each request or job are collected early. */
const SEMI_SPACE_MB = 4;

/**
 * NODE_OPTIONS for the console server: what the environment already says, plus the heap limits unless it
 * sets them itself. CONSOLE_MAX_HEAP_MB (at least 96) raises or lowers the old-space cap.
 * @param {Record<string, string | undefined>} env
 */
export function consoleNodeOptions(env = process.env) {
  const current = (env.NODE_OPTIONS ?? "").trim();
  const heapMb = Number(env.CONSOLE_MAX_HEAP_MB);
  const cap = Number.isInteger(heapMb) && heapMb >= 96 ? heapMb : DEFAULT_CONSOLE_MAX_HEAP_MB;
  const extra = [];
  if (!/--max-old-space-size/.test(current)) extra.push(`--max-old-space-size=${cap}`);
  if (!/--max-semi-space-size/.test(current)) extra.push(`--max-semi-space-size=${SEMI_SPACE_MB}`);
  return [current, ...extra].filter(Boolean).join(" ");
}
