#!/usr/bin/env node
// Keeps the two providers in step: prisma/schema.prisma is the only place models are written;
// prisma/postgres/schema.prisma is derived from it here, and both clients are generated.
//   node scripts/prisma.mjs generate   derive + generate both clients
//   node scripts/prisma.mjs derive     derive only (used by the drift check)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

/** The PostgreSQL schema text derived from the SQLite schema text (provider and client output only). */
export function toPostgresSchema(source) {
  const derived = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../lib/generated/sqlite"', 'output       = "../../lib/generated/postgres"');
  if (derived === source || !derived.includes('"postgresql"') || !derived.includes("generated/postgres")) {
    throw new Error("prisma/schema.prisma no longer has the provider/output lines this script rewrites");
  }
  return "// GENERATED from prisma/schema.prisma by scripts/prisma.mjs. Do not edit.\n" + derived;
}

/** Writes the PostgreSQL schema derived from the SQLite one and returns its path. */
export function derivePostgresSchema() {
  const source = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  const target = path.join(root, "prisma/postgres/schema.prisma");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, toPostgresSchema(source));
  return target;
}

function run(args, env = {}) {
  execFileSync(prismaBin, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
}

const command = import.meta.url === `file://${process.argv[1]}` ? process.argv[2] : undefined;
if (command === "derive") {
  derivePostgresSchema();
} else if (command === "generate") {
  derivePostgresSchema();
  run(["generate", "--schema", "prisma/schema.prisma"], { DATABASE_URL: "file:./data/generate-only.db" });
  // The config picks the adapter from DATABASE_URL; it must match the schema being generated.
  run(["generate", "--schema", "prisma/postgres/schema.prisma"], { DATABASE_URL: "postgresql://localhost/generate-only" });
} else if (command) {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
