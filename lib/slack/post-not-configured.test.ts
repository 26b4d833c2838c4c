import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { pendingCreate } from "./test-support";

// The Setting row is shared by every test file running at once; this file sees Slack as not
// configured without deleting it from under the others.
vi.mock("./settings", async (original) => ({ ...(await original<typeof import("./settings")>()), loadSlackConfig: async () => null }));
const { postPendingApprovals } = await import("./post-approvals");

let scim: ScimStandIn;
let admin: Actor;
beforeAll(async () => {
  scim = await startScimStandIn();
  admin = await makeAdmin("admin");
});
afterAll(() => scim.close());

describe("posting without Slack settings", () => {
  it("marks requests not_configured, keeps them pending for the console, and tells why", async () => {
    const { request } = await pendingCreate(scim, admin);
    expect(await runAs(admin, () => postPendingApprovals({ requestIds: [request.id] }))).toMatchObject({ notConfigured: 1 });
    const stored = await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored).toMatchObject({ status: "pending", postState: "not_configured", messageTs: null });
    expect(stored.postError).toContain("decide this request in the console");
    expect(await db.provisioningJob.count({ where: { approvalId: request.id, status: "pending_approval" } })).toBe(1);
  });
});
