import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl, isPostgresUrl, parsePostgresUrl, sqliteFilePath } from "./lib/database-url.mjs";
import { createPgPool } from "./lib/pg-pool.mjs";

// The JS engine with driver adapters: no Prisma engine binary is downloaded or needed.
const url = databaseUrl();
process.env.DATABASE_URL = url;
const postgres = isPostgresUrl(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  async adapter() {
    if (postgres) {
      const { connectionString, schema } = parsePostgresUrl(url);
      return new PrismaPg(createPgPool({ connectionString, allowExitOnIdle: true }, schema), { schema });
    }
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
