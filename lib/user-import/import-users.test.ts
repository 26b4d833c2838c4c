import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError } from "@/lib/errors";
import { asRole, insertUser, unique } from "@/test/factories";
import { importUsers } from "./import-users";
import { previewUserImport } from "./preview-import";

type Row = Record<string, string>;

/** A CSV with the template's required columns plus whatever the rows add. */
function csv(rows: Row[]): string {
  const fields = [...new Set(["userName", "email", "firstName", "lastName", ...rows.flatMap((r) => Object.keys(r))])];
  return Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? "")) });
}

/** A valid row with unique user name and email under `prefix`. */
function person(prefix: string, n: number, patch: Row = {}): Row {
  return { userName: `${prefix}.u${n}`, email: `${prefix}.u${n}@example.test`, firstName: "Test", lastName: `Person ${n}`, ...patch };
}

const usersWith = (prefix: string) => db.user.findMany({ where: { userNameKey: { startsWith: prefix.toLowerCase() } }, orderBy: { userNameKey: "asc" } });

function errorsOf(preview: { errorRows: { row: number; errors: { field: string; message: string }[] }[] }, row: number) {
  return preview.errorRows.find((r) => r.row === row)?.errors ?? [];
}

describe("previewUserImport", () => {
  it("reports per-row errors with the Add User form's exact messages and writes nothing", async () => {
    const p = unique("pv");
    const content = csv([
      person(p, 1),
      person(p, 2, { email: "not-an-email" }),
      person(p, 3, { firstName: "  ", phone: "call me" }),
      person(p, 4, { userName: "has space", title: "line\u0007bell" }),
      person(p, 5, { "custom.costCenter": "x".repeat(513) }),
    ]);
    const preview = await asRole("admin", () => previewUserImport({ fileName: "people.csv", content }));
    expect(preview).toMatchObject({ fileName: "people.csv", totalRows: 5, readyCount: 1, errorCount: 4 });
    expect(errorsOf(preview, 3)).toEqual([{ field: "email", message: "Enter a valid email address, like name@example.com." }]);
    expect(errorsOf(preview, 4)).toEqual([
      { field: "firstName", message: "First name is required." },
      { field: "phone", message: "Phone may contain digits, spaces and + ( ) . / - only." },
    ]);
    expect(errorsOf(preview, 5)).toEqual([
      { field: "userName", message: "User name must not contain spaces." },
      { field: "title", message: "Title must not contain control characters." },
    ]);
    expect(errorsOf(preview, 6)).toEqual([{ field: "custom.costCenter", message: "Attribute value must be at most 512 characters." }]);
    expect(preview.sampleRows).toEqual([{ row: 2, userName: `${p}.u1`, email: `${p}.u1@example.test`, displayName: "Test Person 1", managerUserName: "" }]);
    expect(await usersWith(p)).toHaveLength(0);
  });

  it("flags user names (case-insensitively) and emails that appear twice in the file", async () => {
    const p = unique("dup");
    const content = csv([
      person(p, 1),
      person(p, 2, { userName: `${p.toUpperCase()}.U1` }),
      person(p, 3, { email: `${p}.U1@Example.test` }),
      person(p, 4),
    ]);
    const preview = await asRole("admin", () => previewUserImport({ fileName: "dups.csv", content }));
    expect(errorsOf(preview, 2)).toEqual([
      { field: "userName", message: "This user name is also in row 3 of the file." },
      { field: "email", message: "This email is also in row 4 of the file." },
    ]);
    expect(errorsOf(preview, 3)).toEqual([{ field: "userName", message: "This user name is also in row 2 of the file." }]);
    expect(errorsOf(preview, 4)).toEqual([{ field: "email", message: "This email is also in row 2 of the file." }]);
    expect(preview.readyCount).toBe(1);
  });

  it("flags user names and emails that already exist in the directory, whatever their case", async () => {
    const p = unique("ex");
    await insertUser({ userName: `${p}.taken`, email: `${p}.taken@example.test` });
    const content = csv([person(p, 1, { userName: `${p.toUpperCase()}.TAKEN` }), person(p, 2, { email: `${p.toUpperCase()}.TAKEN@EXAMPLE.TEST` }), person(p, 3)]);
    const preview = await asRole("admin", () => previewUserImport({ fileName: "x.csv", content }));
    expect(errorsOf(preview, 2)).toEqual([{ field: "userName", message: "A user with this user name already exists." }]);
    expect(errorsOf(preview, 3)).toEqual([{ field: "email", message: "A user with this email already exists." }]);
    expect(preview).toMatchObject({ readyCount: 1, errorCount: 2 });
  });

  it("flags managers found neither in the directory nor in the file, self-managers and managers whose row fails", async () => {
    const p = unique("mg");
    const content = csv([
      person(p, 1, { managerUserName: `${p}.nobody` }),
      person(p, 2, { managerUserName: `${p}.u2` }),
      person(p, 3, { email: "bad" }),
      person(p, 4, { managerUserName: `${p}.u3` }),
      person(p, 5, { managerUserName: `${p}.u4` }),
    ]);
    const preview = await asRole("admin", () => previewUserImport({ fileName: "x.csv", content }));
    expect(errorsOf(preview, 2)).toEqual([{ field: "managerUserName", message: `No user named “${p}.nobody” in the directory or in this file.` }]);
    expect(errorsOf(preview, 3)).toEqual([{ field: "managerUserName", message: "A user cannot be their own manager." }]);
    expect(errorsOf(preview, 5)).toEqual([{ field: "managerUserName", message: "The manager’s row (row 4) has errors, so the manager will not be imported." }]);
    expect(errorsOf(preview, 6)).toEqual([{ field: "managerUserName", message: "The manager’s row (row 5) has errors, so the manager will not be imported." }]);
    expect(preview).toMatchObject({ readyCount: 0, errorCount: 5 });
  });

  it("reports ignored columns and custom attribute columns", async () => {
    const p = unique("cols");
    const content = csv([person(p, 1, { "custom.costCenter": "CC-7", Nickname: "Al" })]);
    const preview = await asRole("admin", () => previewUserImport({ fileName: "x.csv", content }));
    expect(preview).toMatchObject({ readyCount: 1, ignoredColumns: ["Nickname"], customAttributes: ["costCenter"] });
  });
});

describe("importUsers", () => {
  it("imports valid rows with managers, custom attributes and Unicode names, skips the rest, and audits once", async () => {
    const p = unique("imp");
    const boss = await insertUser({ userName: `${p}.boss` });
    const content = csv([
      person(p, 1, { firstName: "José", lastName: "Müller", displayName: "", department: "Engineering", "custom.costCenter": "CC-1", managerUserName: `${p.toUpperCase()}.BOSS` }),
      person(p, 2, { firstName: "太郎", lastName: "山田", managerUserName: `${p}.u1` }),
      person(p, 3, { firstName: "مريم", lastName: "العلي", displayName: "Maryam", managerUserName: `${p}.u2` }),
      person(p, 4, { email: "not-an-email" }),
    ]);
    const { result, actor } = await asRole("admin", async (actor) => ({ actor, result: await importUsers({ fileName: "team.csv", content }) }));
    expect(result).toEqual({
      fileName: "team.csv",
      created: 3,
      skippedCount: 1,
      skipped: [{ row: 5, userName: `${p}.u4`, email: "not-an-email", errors: [{ field: "email", message: "Enter a valid email address, like name@example.com." }] }],
    });
    const [u1, u2, u3] = await usersWith(`${p}.u`);
    expect(u1).toMatchObject({ firstName: "José", lastName: "Müller", displayName: "José Müller", department: "Engineering", managerId: boss.id, active: true });
    expect(JSON.parse(u1.customAttributes)).toEqual({ costCenter: "CC-1" });
    expect(u1.searchText).toContain("josé müller");
    expect(u2).toMatchObject({ lastName: "山田", managerId: u1.id });
    expect(u3).toMatchObject({ displayName: "Maryam", managerId: u2.id });

    const audits = await db.auditLog.findMany({ where: { actorId: actor.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "user.import", targetType: "user", targetLabel: "team.csv", actorEmail: actor.email });
    expect(JSON.parse(audits[0].after ?? "{}")).toEqual({ created: 3, skipped: 1, fileName: "team.csv" });
  });

  it("stores formula-looking values as plain text", async () => {
    const p = unique("fx");
    const content = csv([person(p, 1, { firstName: "=cmd()", lastName: "+SUM(A1)", title: "@HYPERLINK(\"x\")", department: "-2+3" })]);
    await asRole("admin", () => importUsers({ fileName: "fx.csv", content }));
    const [user] = await usersWith(p);
    expect(user).toMatchObject({ firstName: "=cmd()", lastName: "+SUM(A1)", title: '@HYPERLINK("x")', department: "-2+3" });
  });

  it("checks again on import: a user created after the preview makes only that row skip", async () => {
    const p = unique("race");
    const content = csv([person(p, 1), person(p, 2), person(p, 3)]);
    const preview = await asRole("admin", () => previewUserImport({ fileName: "x.csv", content }));
    expect(preview.readyCount).toBe(3);
    await insertUser({ userName: `${p}.someone`, email: `${p}.u2@example.test` });
    const result = await asRole("admin", () => importUsers({ fileName: "x.csv", content }));
    expect(result).toMatchObject({ created: 2, skippedCount: 1, skipped: [{ row: 3, errors: [{ field: "email", message: "A user with this email already exists." }] }] });
    expect((await usersWith(`${p}.u`)).map((u) => u.userName)).toEqual([`${p}.u1`, `${p}.u3`]);
  });

  it("refuses a file where no row can be imported, and writes nothing", async () => {
    const p = unique("none");
    const content = csv([person(p, 1, { email: "bad" })]);
    await expect(asRole("admin", () => importUsers({ fileName: "x.csv", content }))).rejects.toThrow(
      "None of the rows can be imported. Fix the errors shown in the preview and upload the file again.",
    );
    expect(await usersWith(p)).toHaveLength(0);
  });

  it("refuses files over the row limit before touching the directory", async () => {
    const p = unique("lim");
    const content = csv(Array.from({ length: 10_001 }, (_, i) => person(p, i)));
    await expect(asRole("admin", () => importUsers({ fileName: "big.csv", content }))).rejects.toThrow(
      "The file has 10,001 rows. Import at most 10,000 rows at a time: split the file and import each part.",
    );
    await expect(asRole("admin", () => previewUserImport({ fileName: "big.csv", content }))).rejects.toThrow(DomainError);
    expect(await usersWith(p)).toHaveLength(0);
  });

  it.each(["auditor", "approver"] as const)("refuses a %s: no preview, no import, nothing changed", async (role) => {
    const p = unique(role);
    const content = csv([person(p, 1)]);
    const actorId = await asRole(role, async (actor) => {
      await expect(previewUserImport({ fileName: "x.csv", content })).rejects.toThrow(ForbiddenError);
      await expect(importUsers({ fileName: "x.csv", content })).rejects.toThrow(ForbiddenError);
      return actor.id;
    });
    expect(await usersWith(p)).toHaveLength(0);
    expect(await db.auditLog.count({ where: { actorId } })).toBe(0);
  });
});
