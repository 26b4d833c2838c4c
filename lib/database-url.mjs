// Shared by prisma.config.ts, scripts and lib/db.ts: which database DATABASE_URL names.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/console.db";

/** The configured database URL, defaulting to the embedded SQLite file. */
export function databaseUrl(env = process.env) {
  return env.DATABASE_URL && env.DATABASE_URL.trim() !== "" ? env.DATABASE_URL.trim() : DEFAULT_DATABASE_URL;
}

/** True when the URL names a PostgreSQL server. */
export function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Splits `?schema=` off a PostgreSQL URL: node-postgres does not understand it, the adapter takes it apart. */
export function parsePostgresUrl(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

/** The SQLite file path of a `file:` URL, resolved against the working directory. */
export function sqliteFilePath(url) {
  return path.resolve(url.replace(/^file:/, "").split("?")[0]);
}
