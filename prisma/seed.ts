// Demo and benchmark data: `npm run seed -- --users 100000 --groups 200`.
// Idempotent: rows are named seed.user.000001 / "Seed group 001"; existing ones are kept, missing
// ones added in batches. Never touches non-seed data.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { createClient, type Db } from "../lib/db-client";
import { databaseUrl, isPostgresUrl } from "../lib/database-url.mjs";

const FIRST = ["Ana", "Ben", "Chen", "Dana", "Emre", "Fatima", "Goran", "Hana", "Ivan", "Józef", "Kenji", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wei", "Ximena", "Yusuf", "Zoë"];
const LAST = ["Alvarez", "Brown", "Chen", "Dubois", "Eriksson", "Fischer", "García", "Hansen", "Ito", "Jensen", "Kowalski", "López", "Müller", "Nakamura", "Okafor", "Patel", "Quispe", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Wang", "Xu", "Yilmaz", "Zhang"];
const DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "People", "Support", "Legal", "Operations"];
const TITLES = ["Engineer", "Manager", "Analyst", "Specialist", "Director", "Associate"];
const BATCH = 1000;
const INSERT_ROWS = 500; // rows per INSERT statement (well under SQLite's 32,766 parameters)

/**
 * Multi-row INSERT through raw SQL: Prisma's createMany spends most of its time per row in the
 * query compiler, which made 100,000 users take minutes. Values are always bound parameters.
 */
async function insertRows(db: Db, table: string, rows: Record<string, string | number | boolean | null>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  // Read at call time: the benchmark points one process at SQLite, then at PostgreSQL.
  const postgres = isPostgresUrl(databaseUrl());
  for (let start = 0; start < rows.length; start += INSERT_ROWS) {
    const chunk = rows.slice(start, start + INSERT_ROWS);
    const params: (string | number | boolean | null)[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((c) => {
        const v = row[c];
        params.push(typeof v === "boolean" && !postgres ? (v ? 1 : 0) : v);
        return postgres ? `$${params.length}` : "?";
      });
      return `(${marks.join(", ")})`;
    });
    const cols = columns.map((c) => `"${c}"`).join(", ");
    await db.$executeRawUnsafe(`INSERT INTO "${table}" (${cols}) VALUES ${tuples.join(", ")}`, ...params);
  }
}

let idCounter = 0;
/** A unique id in the same spirit as Prisma's cuid default (ids are opaque strings). */
function newId(): string {
  idCounter = (idCounter + 1) % 1_679_616;
  return `s${Date.now().toString(36)}${idCounter.toString(36).padStart(4, "0")}${randomBytes(4).toString("hex")}`;
}

/** Timestamps as the SQLite adapter stores them (and PostgreSQL parses). */
function timestamp(date = new Date()): string {
  return date.toISOString().replace("Z", "+00:00");
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The deterministic seed user number i (1-based). */
function seedUser(i: number) {
  const firstName = FIRST[i % FIRST.length];
  const lastName = LAST[Math.floor(i / FIRST.length) % LAST.length];
  const userName = `seed.user.${pad(i, 6)}`;
  const email = `${userName}@example.com`;
  const displayName = `${firstName} ${lastName}`;
  return {
    userName,
    userNameKey: userName,
    email,
    firstName,
    lastName,
    displayName,
    title: TITLES[i % TITLES.length],
    department: DEPARTMENTS[i % DEPARTMENTS.length],
    employeeNumber: `E${pad(i, 7)}`,
    active: i % 50 !== 0,
    searchText: [userName, email, firstName, lastName, displayName].join(" ").toLowerCase(),
  };
}

/** Adds whatever seed users, groups and memberships are missing. */
export async function seed(db: Db, options: { users: number; groups: number; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  const started = Date.now();

  const groupNames = Array.from({ length: options.groups }, (_, i) => `Seed group ${pad(i + 1, 3)}`);
  const existingGroups = new Set((await db.group.findMany({ where: { nameKey: { startsWith: "seed group " } }, select: { nameKey: true } })).map((g) => g.nameKey));
  const newGroups = groupNames.filter((n) => !existingGroups.has(n.toLowerCase()));
  if (newGroups.length) {
    await db.group.createMany({ data: newGroups.map((name) => ({ name, nameKey: name.toLowerCase(), description: "Demo group created by npm run seed" })) });
  }
  log(`groups: ${newGroups.length} added, ${groupNames.length - newGroups.length} already there`);

  const existingUsers = new Set((await db.user.findMany({ where: { userNameKey: { startsWith: "seed.user." } }, select: { userNameKey: true } })).map((u) => u.userNameKey));
  let added = 0;
  for (let start = 1; start <= options.users; start += BATCH) {
    const rows = [];
    const now = timestamp();
    for (let i = start; i < Math.min(start + BATCH, options.users + 1); i++) {
      const row = seedUser(i);
      if (!existingUsers.has(row.userNameKey)) rows.push({ id: newId(), ...row, customAttributes: "{}", createdAt: now, updatedAt: now });
    }
    if (rows.length) {
      await insertRows(db, "User", rows);
      added += rows.length;
    }
    if ((start - 1) % 20_000 === 0 && start > 1) log(`users: ${start - 1} checked`);
  }
  log(`users: ${added} added, ${options.users - added} already there`);

  // Memberships: user i belongs to group (i mod G) and every 3rd user also to ((i*7) mod G).
  if (options.groups > 0 && added > 0) {
    const groups = await db.group.findMany({ where: { nameKey: { startsWith: "seed group " } }, select: { id: true, nameKey: true }, orderBy: { nameKey: "asc" } });
    const groupIds = groups.map((g) => g.id);
    let memberships = 0;
    for (let start = 1; start <= options.users; start += BATCH) {
      const names = [];
      for (let i = start; i < Math.min(start + BATCH, options.users + 1); i++) names.push(`seed.user.${pad(i, 6)}`);
      const users = await db.user.findMany({ where: { userNameKey: { in: names } }, select: { id: true, userNameKey: true } });
      const wanted = new Map<string, { groupId: string; userId: string }>();
      for (const u of users) {
        const i = Number(u.userNameKey.slice("seed.user.".length));
        for (const g of [i % groupIds.length, ...(i % 3 === 0 ? [(i * 7) % groupIds.length] : [])]) {
          wanted.set(`${groupIds[g]}:${u.id}`, { groupId: groupIds[g], userId: u.id });
        }
      }
      const existing = await db.groupMember.findMany({ where: { userId: { in: users.map((u) => u.id) } }, select: { groupId: true, userId: true } });
      for (const m of existing) wanted.delete(`${m.groupId}:${m.userId}`);
      if (wanted.size) {
        const now = timestamp();
        await insertRows(db, "GroupMember", [...wanted.values()].map((m) => ({ ...m, addedAt: now })));
        memberships += wanted.size;
      }
    }
    log(`memberships: ${memberships} added`);
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function argValue(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) {
    console.error(`--${name} must be a whole number from 0 to 1000000`);
    process.exit(2);
  }
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const db = createClient();
  seed(db, { users: argValue("users", 1000), groups: argValue("groups", 20), log: (line) => console.log(line) })
    .then(() => db.$disconnect())
    .catch(async (error) => {
      console.error(error);
      await db.$disconnect();
      process.exit(1);
    });
}
