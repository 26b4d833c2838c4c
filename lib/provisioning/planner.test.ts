import { describe, expect, it } from "vitest";
import { planAfterInFlight, planUser, summarizeImpact } from "./planner";
import { DEFAULT_FEATURES, type AccountState, type AppFeatures, type UserOperation, type UserPlanInput } from "./types";

const ALL: AppFeatures = { createUsers: true, updateUsers: true, deactivateUsers: true, deleteUsers: true, pushGroups: false };
const NONE: AppFeatures = { createUsers: false, updateUsers: false, deactivateUsers: false, deleteUsers: false, pushGroups: false };

function account(state: AccountState, remoteId: string | null = "r1", lastPushedHash: string | null = "h") {
  return { state, remoteId, lastPushedHash };
}

type Row = [string, Partial<UserPlanInput>, UserOperation | null];

const rows: Row[] = [
  // In scope, nothing usable in the app.
  ["in scope, no account -> create", { inScope: true, account: null }, "create"],
  ["in scope, no account, create off -> nothing", { inScope: true, account: null, features: { ...ALL, createUsers: false } }, null],
  ["in scope, deleted -> create", { inScope: true, account: account("deleted") }, "create"],
  ["in scope, gone -> create", { inScope: true, account: account("gone") }, "create"],
  ["in scope, failed without remote id -> create", { inScope: true, account: account("failed", null, null) }, "create"],
  ["in scope, pending without remote id -> create", { inScope: true, account: account("pending", null, null) }, "create"],
  // In scope, live account.
  ["in scope, active, same hash -> nothing", { inScope: true, account: account("active") }, null],
  ["in scope, active, hash differs -> update", { inScope: true, account: account("active", "r1", "old") }, "update"],
  ["in scope, active, never pushed -> update", { inScope: true, account: account("active", "r1", null) }, "update"],
  ["in scope, hash differs, update off -> nothing", { inScope: true, account: account("active", "r1", "old"), features: { ...ALL, updateUsers: false } }, null],
  ["in scope, failed with remote id, hash differs -> update", { inScope: true, account: account("failed", "r1", "old") }, "update"],
  ["in scope, pending with remote id, same hash -> nothing", { inScope: true, account: account("pending") }, null],
  // In scope, deactivated.
  ["in scope, deactivated -> reactivate", { inScope: true, account: account("deactivated") }, "reactivate"],
  ["in scope, deactivated, only delete on -> reactivate", { inScope: true, account: account("deactivated"), features: { ...NONE, deleteUsers: true } }, "reactivate"],
  ["in scope, deactivated, deprovisioning off -> nothing", { inScope: true, account: account("deactivated"), features: { ...ALL, deactivateUsers: false, deleteUsers: false } }, null],
  // Out of scope.
  ["out of scope, no account -> nothing", { inScope: false, account: null }, null],
  ["out of scope, active, mode deactivate -> deactivate", { inScope: false, account: account("active") }, "deactivate"],
  ["out of scope, active, mode delete -> delete", { inScope: false, account: account("active"), deprovisionMode: "delete" }, "delete"],
  ["out of scope, active, mode delete but delete off -> deactivate", { inScope: false, account: account("active"), deprovisionMode: "delete", features: { ...ALL, deleteUsers: false } }, "deactivate"],
  ["out of scope, active, all deprovisioning off -> nothing", { inScope: false, account: account("active"), features: NONE }, null],
  ["out of scope, pending with remote id -> deactivate", { inScope: false, account: account("pending") }, "deactivate"],
  ["out of scope, pending without remote id -> nothing", { inScope: false, account: account("pending", null) }, null],
  ["out of scope, deactivated, mode deactivate -> nothing", { inScope: false, account: account("deactivated") }, null],
  ["out of scope, deactivated, mode delete -> delete", { inScope: false, account: account("deactivated"), deprovisionMode: "delete" }, "delete"],
  ["out of scope, deactivated, mode delete, delete off -> nothing", { inScope: false, account: account("deactivated"), deprovisionMode: "delete", features: { ...ALL, deleteUsers: false } }, null],
  ["out of scope, deleted -> nothing", { inScope: false, account: account("deleted"), deprovisionMode: "delete" }, null],
  ["out of scope, gone -> nothing", { inScope: false, account: account("gone") }, null],
];

describe("planUser", () => {
  it.each(rows)("%s", (_label, partial, expected) => {
    const input: UserPlanInput = { inScope: true, account: null, desiredHash: "h", features: ALL, deprovisionMode: "deactivate", ...partial };
    expect(planUser(input)?.operation ?? null).toBe(expected);
  });

  it("gives a reason with every operation", () => {
    const plan = planUser({ inScope: true, account: null, desiredHash: "h", features: DEFAULT_FEATURES, deprovisionMode: "deactivate" });
    expect(plan).toEqual({ operation: "create", reason: expect.stringMatching(/\w/) });
  });
});

// A change made while a job for the same user is in flight is planned against what that job will leave.
const inFlightRows: [string, Partial<UserPlanInput>, UserOperation, UserOperation | null][] = [
  ["deactivated while the create is in flight -> deactivate", { inScope: false, account: null }, "create", "deactivate"],
  ["deleted while the create is in flight, mode delete -> delete", { inScope: false, account: null, deprovisionMode: "delete" }, "create", "delete"],
  ["still in scope while the create is in flight -> update (the worker skips it if nothing changed)", { inScope: true, account: null }, "create", "update"],
  ["back in scope while the deactivate is in flight -> reactivate", { inScope: true, account: account("active") }, "deactivate", "reactivate"],
  ["out of scope again while the reactivate is in flight -> deactivate", { inScope: false, account: account("deactivated") }, "reactivate", "deactivate"],
  ["back in scope while the delete is in flight -> create", { inScope: true, account: account("active") }, "delete", "create"],
  ["out of scope while the deactivate is in flight -> nothing more", { inScope: false, account: account("active") }, "deactivate", null],
  ["deactivated while the create is in flight, deprovisioning off -> nothing", { inScope: false, account: null, features: NONE }, "create", null],
];

describe("planAfterInFlight", () => {
  it.each(inFlightRows)("%s", (_label, partial, running, expected) => {
    const input: UserPlanInput = { inScope: true, account: null, desiredHash: "h", features: ALL, deprovisionMode: "deactivate", ...partial };
    expect(planAfterInFlight(input, running)?.operation ?? null).toBe(expected);
  });
});

describe("summarizeImpact", () => {
  it("counts operations per app, lists samples and leaves out apps with nothing to do", () => {
    const summaries = summarizeImpact([
      { appId: "s", appName: "Slack", userId: "u1", userName: "ann", plan: { operation: "create", reason: "" } },
      { appId: "s", appName: "Slack", userId: "u2", userName: "bob", plan: { operation: "create", reason: "" } },
      { appId: "s", appName: "Slack", userId: "u3", userName: "cy", plan: { operation: "deactivate", reason: "" } },
      { appId: "z", appName: "Zendesk", userId: "u1", userName: "ann", plan: null },
      { appId: "a", appName: "Asana", userId: "u4", userName: "di", plan: { operation: "update", reason: "" } },
    ]);
    expect(summaries.map((s) => s.appName)).toEqual(["Asana", "Slack"]);
    expect(summaries[1].counts).toEqual({ create: 2, update: 0, deactivate: 1, reactivate: 0, delete: 0 });
    expect(summaries[1].samples.create).toEqual([{ userId: "u1", userName: "ann" }, { userId: "u2", userName: "bob" }]);
  });

  it("keeps at most 50 samples per operation but counts them all", () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ appId: "s", appName: "Slack", userId: `u${i}`, userName: `n${i}`, plan: { operation: "create" as const, reason: "" } }));
    const [summary] = summarizeImpact(items);
    expect(summary.counts.create).toBe(120);
    expect(summary.samples.create).toHaveLength(50);
  });
});
