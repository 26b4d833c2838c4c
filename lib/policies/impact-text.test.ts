import { describe, expect, it } from "vitest";
import type { ImpactSummary } from "@/lib/provisioning/types";
import { accountsLost, impactLine } from "./impact-text";

function summary(counts: Partial<ImpactSummary["counts"]>): ImpactSummary {
  const zero = { create: 0, update: 0, deactivate: 0, reactivate: 0, delete: 0 };
  return { appId: "a", appName: "Slack", counts: { ...zero, ...counts }, samples: { create: [], update: [], deactivate: [], reactivate: [], delete: [] } };
}

describe("impact wording", () => {
  it("names the app and each non-zero operation with its plural", () => {
    expect(impactLine(summary({ create: 120, deactivate: 3 }))).toBe("Slack: 120 creates, 3 deactivations");
    expect(impactLine(summary({ create: 1, delete: 1, update: 2 }))).toBe("Slack: 1 create, 2 updates, 1 deletion");
    expect(impactLine(summary({}))).toBe("Slack: no changes");
  });

  it("counts deactivations and deletions as accounts lost", () => {
    expect(accountsLost([summary({ deactivate: 2, delete: 1, create: 5 }), summary({ deactivate: 4 })])).toBe(7);
  });
});
