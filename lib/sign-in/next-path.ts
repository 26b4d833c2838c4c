/** A return path after sign-in: only a path on this site (never `//host` or a full URL); else /users. */
export function safeNextPath(next: unknown): string {
  const value = typeof next === "string" ? next : "";
  return value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") && value.length <= 2000 ? value : "/users";
}

/** Where a browser in `stage` goes next, keeping the return path. */
export function pathForStage(stage: "active" | "second-factor" | "enrol", next: string): string {
  if (stage === "active") return next;
  const query = next === "/users" ? "" : `?next=${encodeURIComponent(next)}`;
  return (stage === "second-factor" ? "/login/second-factor" : "/enrol") + query;
}
