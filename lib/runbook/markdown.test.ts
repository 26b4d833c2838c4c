import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "./markdown";

describe("parseMarkdown", () => {
  it("parses headings with anchors, paragraphs joined across lines, and both list kinds", () => {
    const blocks = parseMarkdown("# Runbook\n\n## Not found (wrong base path)\n\nFirst line\nsecond line.\n\n1. One\n   continued\n2. Two\n\n- a\n- b\n");
    expect(blocks).toEqual([
      { type: "heading", level: 1, id: "runbook", text: "Runbook", children: [{ type: "text", text: "Runbook" }] },
      { type: "heading", level: 2, id: "not-found-wrong-base-path", text: "Not found (wrong base path)", children: [{ type: "text", text: "Not found (wrong base path)" }] },
      { type: "paragraph", children: [{ type: "text", text: "First line second line." }] },
      { type: "list", ordered: true, items: [[{ type: "text", text: "One continued" }], [{ type: "text", text: "Two" }]] },
      { type: "list", ordered: false, items: [[{ type: "text", text: "a" }], [{ type: "text", text: "b" }]] },
    ]);
  });

  it("keeps HTML as text (the page renders text nodes, never markup)", () => {
    expect(parseMarkdown("<script>alert(1)</script> <b>x</b>")).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "<script>alert(1)</script> <b>x</b>" }] },
    ]);
  });
});

describe("parseInline", () => {
  it("parses code, bold with nested code, and links", () => {
    expect(parseInline("Press **Verify `now`** or see [quarantine](#quarantine) and `a*b`.")).toEqual([
      { type: "text", text: "Press " },
      { type: "strong", children: [{ type: "text", text: "Verify " }, { type: "code", text: "now" }] },
      { type: "text", text: " or see " },
      { type: "link", href: "#quarantine", children: [{ type: "text", text: "quarantine" }] },
      { type: "text", text: " and " },
      { type: "code", text: "a*b" },
      { type: "text", text: "." },
    ]);
  });

  it("drops unsafe link targets and keeps their text", () => {
    expect(parseInline("[click](javascript:alert(1))")[0]).toEqual({ type: "text", text: "click" });
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("JAVASCRIPT:x")).toBeNull();
    expect(safeHref("/reports")).toBe("/reports");
    expect(safeHref("https://api.slack.com/scim")).toBe("https://api.slack.com/scim");
  });
});
