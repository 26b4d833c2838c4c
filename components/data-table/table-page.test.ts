import { describe, expect, it } from "vitest";
import { parseListParams } from "@/lib/list-params";
import { tablePage } from "./table-page";

const OPTIONS = { sortKeys: ["name", "createdAt"] as const, defaultSort: "name" as const };

describe("tablePage", () => {
  it("hands the table the lib result with the sort, direction and search that asked for it", () => {
    const params = parseListParams({ sort: "createdAt", dir: "desc", q: "ana", page: "2", size: "50" }, OPTIONS);
    const page = tablePage({ rows: [{ id: "u1" }], total: 51, page: 2, pageSize: 50 }, params);
    expect(page).toEqual({ rows: [{ id: "u1" }], total: 51, page: 2, pageSize: 50, sort: "createdAt", dir: "desc", q: "ana" });
  });

  it("shows the sort the server used when the URL asked for an unknown one", () => {
    const params = parseListParams({ sort: "password", dir: "sideways" }, OPTIONS);
    const page = tablePage({ rows: [], total: 0, page: 1, pageSize: 25 }, params);
    expect(page.sort).toBe("name");
    expect(page.dir).toBe("asc");
  });
});
