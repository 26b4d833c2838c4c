import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { asRole, unique } from "@/test/factories";
import { importUsers } from "./import-users";
import { previewUserImport } from "./preview-import";

// The size the import promises to handle. No timing assertion (machines differ); the durations
// are printed for docs/benchmarks.md and the test only has to finish within the default timeout.
describe("importing 10,000 rows", () => {
  it("previews and imports 10,000 rows, with managers from the same file", async () => {
    const p = unique("bulk");
    const lines = ["userName,email,firstName,lastName,department,managerUserName,custom.costCenter"];
    for (let i = 0; i < 10_000; i++) {
      // Every row but the first reports to one of the first 100 rows.
      const manager = i === 0 ? "" : `${p}.u${(i % 100) === i ? 0 : i % 100}`;
      lines.push(`${p}.u${i},${p}.u${i}@example.test,First${i},Last${i},Dept ${i % 20},${manager},CC-${i % 7}`);
    }
    const content = lines.join("\n");

    const { preview, result, previewMs, importMs } = await asRole("admin", async () => {
      const t0 = performance.now();
      const preview = await previewUserImport({ fileName: "bulk.csv", content });
      const t1 = performance.now();
      const result = await importUsers({ fileName: "bulk.csv", content });
      return { preview, result, previewMs: t1 - t0, importMs: performance.now() - t1 };
    });
    console.log(`[benchmark] users CSV import, 10,000 rows on ${process.env.TEST_LANE ?? "sqlite"}: preview ${Math.round(previewMs)} ms, import ${Math.round(importMs)} ms`);

    expect(preview).toMatchObject({ totalRows: 10_000, readyCount: 10_000, errorCount: 0 });
    expect(result).toMatchObject({ created: 10_000, skippedCount: 0 });
    expect(await db.user.count({ where: { userNameKey: { startsWith: `${p}.u` } } })).toBe(10_000);
    const last = await db.user.findUniqueOrThrow({ where: { userNameKey: `${p}.u9999` }, include: { manager: true } });
    expect(last.manager?.userName).toBe(`${p}.u99`);
    expect(await db.user.count({ where: { userNameKey: { startsWith: `${p}.u` }, managerId: null } })).toBe(1);
  });
});
