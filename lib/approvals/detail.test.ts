import { describe, expect, it } from "vitest";
import { mainOperation, parseDetail, summarize } from "./detail";

const user = (operation: string, label = "ana") => ({ operation, label, subjectType: "user" });
const group = (operation: string, label = "Engineering") => ({ operation, label, subjectType: "group" });

describe("an approval request's headline", () => {
  it.each([
    [[user("create")], "Create the account of ana in Slack"],
    [Array.from({ length: 120 }, () => user("create")), "Create 120 accounts in Slack"],
    [Array.from({ length: 1200 }, () => user("delete")), "Delete 1,200 accounts in Slack"],
    [[user("create"), user("create"), user("deactivate")], "Change 3 accounts in Slack (2 create, 1 deactivate)"],
    [[group("group_push")], "Push group Engineering to Slack"],
    [[group("group_delete"), group("group_delete", "Sales")], "Remove 2 groups from Slack"],
    [[user("update"), group("group_push")], "Update the account of ana in Slack; Push group Engineering to Slack"],
  ])("%#: says %s", (ops, expected) => {
    expect(summarize("Slack", ops)).toBe(expected);
  });

  it("names the most frequent operation as the main one", () => {
    expect(mainOperation([user("create"), user("delete"), user("delete")])).toBe("delete");
  });
});

describe("parseDetail", () => {
  it("reads what was stored and tolerates garbage", () => {
    expect(parseDetail('{"users":[{"id":"u1","userName":"ana","email":"","displayName":"Ana","operation":"create"}],"counts":{"create":1}}')).toEqual({
      users: [{ id: "u1", userName: "ana", email: "", displayName: "Ana", operation: "create" }],
      groups: [],
      counts: { create: 1 },
      more: 0,
      changes: [],
    });
    expect(parseDetail("not json")).toEqual({ users: [], groups: [], counts: {}, more: 0, changes: [] });
  });
});
