import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { SECOND_FACTOR_REQUIREMENT_MESSAGE } from "@/lib/schemas/operator-factors";
import { makeAdmin } from "@/test/factories";
import {
  readSecondFactorRequirement,
  SECOND_FACTOR_SETTING_KEY,
  secondFactorRequirementSetting,
  secondFactorRequired,
  setSecondFactorRequirement,
} from "./second-factor-policy";

function auditRows() {
  return db.auditLog.findMany({ where: { action: "settings.second-factor.updated", targetId: SECOND_FACTOR_SETTING_KEY }, orderBy: { at: "asc" } });
}

describe("secondFactorRequired", () => {
  it.each([
    ["admins", "admin", true],
    ["admins", "approver", false],
    ["admins", "auditor", false],
    ["everyone", "auditor", true],
    ["everyone", "admin", true],
    ["nobody", "admin", false],
  ] as const)("under %s, an %s must have one: %s", (requirement, role, required) => {
    expect(secondFactorRequired(role, requirement)).toBe(required);
  });
});

describe("setSecondFactorRequirement", () => {
  // The requirement is one row all test files share and other tests rely on its default ("admins"),
  // so this test changes it only for a moment and always puts "admins" back.
  it("an admin stores the requirement as JSON; it is read back, audited before -> after, and saving the same again writes nothing", async () => {
    const admin = await makeAdmin("admin");
    const before = (await auditRows()).length;
    try {
      await runAs(admin, () => setSecondFactorRequirement({ requirement: "everyone" }));
      expect(await readSecondFactorRequirement()).toBe("everyone");
      expect((await db.setting.findUniqueOrThrow({ where: { key: SECOND_FACTOR_SETTING_KEY } })).value).toBe('"everyone"');
    } finally {
      await runAs(admin, () => setSecondFactorRequirement({ requirement: "admins" }));
    }
    expect(await readSecondFactorRequirement()).toBe("admins");
    const setting = await runAs(admin, () => secondFactorRequirementSetting());
    expect(setting).toMatchObject({ requirement: "admins", updatedBy: admin.email });
    await runAs(admin, () => setSecondFactorRequirement({ requirement: "admins" }));
    const rows = (await auditRows()).slice(before);
    expect(rows.map((r) => [r.actorId, JSON.parse(r.before ?? "null").requirement, JSON.parse(r.after ?? "null").requirement])).toEqual([
      [admin.id, expect.any(String), "everyone"],
      [admin.id, "everyone", "admins"],
    ]);
  });

  it.each([[{ requirement: "some" }], [{ requirement: "" }], [{}], [{ requirement: ["admins"] }]])("refuses %j with a field error and stores nothing", async (input) => {
    const admin = await makeAdmin("admin");
    const before = await db.setting.findUnique({ where: { key: SECOND_FACTOR_SETTING_KEY } });
    const error = await runAs(admin, () => setSecondFactorRequirement(input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(z.ZodError);
    expect(z.flattenError(error as z.ZodError).fieldErrors).toEqual({ requirement: [SECOND_FACTOR_REQUIREMENT_MESSAGE] });
    expect(await db.setting.findUnique({ where: { key: SECOND_FACTOR_SETTING_KEY } })).toEqual(before);
  });

  it.each(["approver", "auditor"] as const)("an %s can neither change nor read the setting", async (role) => {
    const actor = await makeAdmin(role);
    const before = await db.setting.findUnique({ where: { key: SECOND_FACTOR_SETTING_KEY } });
    await expect(runAs(actor, () => setSecondFactorRequirement({ requirement: "nobody" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runAs(actor, () => secondFactorRequirementSetting())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.setting.findUnique({ where: { key: SECOND_FACTOR_SETTING_KEY } })).toEqual(before);
    expect(await readSecondFactorRequirement()).toBe("admins");
  });
});
