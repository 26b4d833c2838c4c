import { describe, expect, it } from "vitest";
import { diffSnapshots, displayValue } from "./diff";

const json = (v: unknown) => JSON.stringify(v);

describe("diffSnapshots", () => {
  it("lists only the fields that changed, before -> after", () => {
    expect(diffSnapshots(json({ name: "Ada", title: "Eng", active: true }), json({ name: "Ada", title: "Lead", active: false }))).toEqual([
      { field: "title", before: "Eng", after: "Lead" },
      { field: "active", before: "true", after: "false" },
    ]);
  });

  it("shows a created record as every field it has, and a deleted one the other way round", () => {
    expect(diffSnapshots(null, json({ name: "Ops", description: "" }))).toEqual([
      { field: "name", before: "", after: "Ops" },
      { field: "description", before: "", after: "" },
    ]);
    expect(diffSnapshots(json({ name: "Ops" }), null)).toEqual([{ field: "name", before: "Ops", after: "" }]);
  });

  it("leaves out fields that are null on both sides", () => {
    expect(diffSnapshots(null, json({ slackUserId: null, role: "auditor" }))).toEqual([{ field: "role", before: "", after: "auditor" }]);
  });

  it("names nested fields with dots, so one changed attribute is one line", () => {
    const before = json({ customAttributes: { costCenter: "100", site: "Oslo" } });
    const after = json({ customAttributes: { costCenter: "200", site: "Oslo", badge: "7" } });
    expect(diffSnapshots(before, after)).toEqual([
      { field: "customAttributes.costCenter", before: "100", after: "200" },
      { field: "customAttributes.badge", before: "", after: "7" },
    ]);
  });

  it("shows arrays and non-object snapshots as JSON text", () => {
    expect(diffSnapshots(json({ userIds: ["a"] }), json({ userIds: ["a", "b"] }))).toEqual([{ field: "userIds", before: '["a"]', after: '["a","b"]' }]);
    expect(diffSnapshots(json(3), json(4))).toEqual([{ field: "value", before: "3", after: "4" }]);
    expect(diffSnapshots("not json", null)).toEqual([{ field: "value", before: "not json", after: "" }]);
  });

  it("keeps text that looks like HTML as text", () => {
    expect(diffSnapshots(null, json({ name: "<b>x</b>" }))).toEqual([{ field: "name", before: "", after: "<b>x</b>" }]);
  });

  it("cuts very long values", () => {
    expect(displayValue("x".repeat(1000))).toHaveLength(300);
    expect(displayValue("x".repeat(1000)).endsWith("…")).toBe(true);
  });
});
