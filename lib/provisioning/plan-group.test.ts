import { describe, expect, it } from "vitest";
import { parseMembers, planGroup, sameMembers, type GroupPlanInput } from "./plan-group";

const pushed = { remoteId: "g1", displayName: "Sales", lastMembers: ["a", "b"] };
const input = (over: Partial<GroupPlanInput> = {}): GroupPlanInput => ({ pushGroups: true, linked: true, name: "Sales", desiredMembers: ["b", "a"], appGroup: pushed, ...over });

describe("planGroup", () => {
  it("does nothing when pushing is off, even for a pushed group that is no longer linked", () => {
    expect(planGroup(input({ pushGroups: false }))).toBeNull();
    expect(planGroup(input({ pushGroups: false, linked: false }))).toBeNull();
  });

  it("pushes a linked group that is not in the app yet or has no remote id", () => {
    expect(planGroup(input({ appGroup: null }))?.operation).toBe("group_push");
    expect(planGroup(input({ appGroup: { ...pushed, remoteId: null } }))?.operation).toBe("group_push");
  });

  it("pushes after a rename or a member change, and not when members only changed order", () => {
    expect(planGroup(input({ name: "Sales EU" }))).toEqual({ operation: "group_push", reason: "The group was renamed" });
    expect(planGroup(input({ desiredMembers: ["a"] }))).toEqual({ operation: "group_push", reason: "Members changed since the last push" });
    expect(planGroup(input())).toBeNull();
  });

  it("deletes a pushed group that is no longer linked; an unpushed one needs nothing", () => {
    expect(planGroup(input({ linked: false }))?.operation).toBe("group_delete");
    expect(planGroup(input({ linked: false, appGroup: null }))).toBeNull();
  });
});

describe("member lists", () => {
  it("compares as sets and parses malformed JSON as empty", () => {
    expect(sameMembers(["a", "b"], ["b", "a", "a"])).toBe(true);
    expect(sameMembers(["a"], ["a", "b"])).toBe(false);
    expect(parseMembers('["a", 3, "b"]')).toEqual(["a", "b"]);
    expect(parseMembers("{")).toEqual([]);
  });
});
