// The first admin is created only when there is no operator at all, so this file runs against a
// database of its own (other test files add operators to the shared one in parallel).
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const fresh = await vi.hoisted(async () => {
  if ((globalThis as { __consoleDb?: unknown }).__consoleDb) throw new Error("lib/db was loaded before this file could pick its database");
  const { createTestDatabase } = await import("../scripts/test-db.mjs");
  const url = createTestDatabase(process.env.TEST_LANE === "postgres" ? "postgres" : "sqlite", "bootstrap");
  process.env.DATABASE_URL = url;
  return { url };
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropTestDatabase } from "@/scripts/test-db.mjs";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/passwords";
import { ensureFirstAdmin, FIRST_ADMIN_PASSWORD_FILE, writeFirstAdminPassword } from "./bootstrap";

const dirs: string[] = [];
function tempDataDir(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "console-bootstrap-"));
  dirs.push(base);
  return path.join(base, "data");
}

afterAll(async () => {
  await db.$disconnect();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  if (!process.env.KEEP_TEST_DB) dropTestDatabase(fresh.url);
});

beforeEach(async () => {
  await db.admin.deleteMany();
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("ensureFirstAdmin", () => {
  it("without ADMIN_PASSWORD generates one into data/first-admin-password (0600, in a 0700 directory) and returns only the path", async () => {
    const dataDir = tempDataDir();
    const first = await ensureFirstAdmin({ ADMIN_EMAIL: "Boss@Example.test" }, dataDir);
    expect(first).toEqual({ created: true, email: "boss@example.test", passwordFile: path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE) });
    const file = path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    const password = fs.readFileSync(file, "utf8").trim();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const admin = await db.admin.findUniqueOrThrow({ where: { email: "boss@example.test" } });
    expect(admin).toMatchObject({ role: "admin", name: "Administrator", disabled: false });
    expect(await verifyPassword(admin.passwordHash, password)).toBe(true);
  });

  it("does nothing once any operator exists, and never rewrites the file", async () => {
    const dataDir = tempDataDir();
    await ensureFirstAdmin({}, dataDir);
    const before = fs.readFileSync(path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE), "utf8");
    expect(await ensureFirstAdmin({}, dataDir)).toEqual({ created: false });
    expect(await ensureFirstAdmin({ ADMIN_PASSWORD: "weak" }, dataDir)).toEqual({ created: false });
    expect(fs.readFileSync(path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE), "utf8")).toBe(before);
    expect(await db.admin.count()).toBe(1);
  });

  it("uses a strong ADMIN_PASSWORD and writes no file", async () => {
    const dataDir = tempDataDir();
    const first = await ensureFirstAdmin({ ADMIN_EMAIL: "root@example.test", ADMIN_NAME: "Root", ADMIN_PASSWORD: "e2e-Quartz-lantern-4817-harbor" }, dataDir);
    expect(first).toEqual({ created: true, email: "root@example.test", passwordFile: undefined });
    expect(fs.existsSync(dataDir)).toBe(false);
    const admin = await db.admin.findUniqueOrThrow({ where: { email: "root@example.test" } });
    expect(await verifyPassword(admin.passwordHash, "e2e-Quartz-lantern-4817-harbor")).toBe(true);
  });

  it.each([
    ["", "ADMIN_PASSWORD is set but empty."],
    ["password1234", "ADMIN_PASSWORD is not accepted: This password is too easy to guess."],
    ["short", "ADMIN_PASSWORD is not accepted: Password must be at least 12 characters."],
  ])("refuses ADMIN_PASSWORD=%j and creates no admin", async (password, message) => {
    await expect(ensureFirstAdmin({ ADMIN_PASSWORD: password }, tempDataDir())).rejects.toThrow(message);
    expect(await db.admin.count()).toBe(0);
  });

  it("creates no admin when the password file cannot be written", async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "console-bootstrap-"));
    dirs.push(base);
    const blocked = path.join(base, "not-a-directory");
    fs.writeFileSync(blocked, "");
    await expect(ensureFirstAdmin({}, blocked)).rejects.toThrow();
    expect(await db.admin.count()).toBe(0);
  });
});

describe("writeFirstAdminPassword", () => {
  it("replaces a file left from before with a new owner-only one, without following a link", () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const elsewhere = path.join(path.dirname(dataDir), "elsewhere");
    fs.writeFileSync(elsewhere, "keep me\n", { mode: 0o644 });
    fs.symlinkSync(elsewhere, path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE));
    const file = writeFirstAdminPassword(dataDir, "the-new-one");
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toBe("the-new-one\n");
    expect(mode(file)).toBe(0o600);
    expect(fs.readFileSync(elsewhere, "utf8")).toBe("keep me\n");
  });
});
