import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { importSummary, previewSummary } from "./limits";
import { parseUsersCsv } from "./parse-csv";
import { importTemplateCsv } from "./template";

function fileErrorOf(content: string): string {
  try {
    parseUsersCsv(content);
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors.file?.[0] ?? error.message;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("parseUsersCsv", () => {
  it("matches headers case-insensitively and numbers rows as the file does (header = row 1)", () => {
    const { rows, ignoredColumns } = parseUsersCsv("USERNAME, Email ,firstname,LastName,Department\nana,ana@example.com,Ana,Lopez,Sales\n\nbo,bo@example.com,Bo,Li,\n");
    expect(ignoredColumns).toEqual([]);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    expect(rows[0].values).toMatchObject({ userName: "ana", email: "ana@example.com", firstName: "Ana", lastName: "Lopez", department: "Sales", managerUserName: "" });
  });

  it("turns custom.<key> columns into attributes, skips empty cells and reports unknown columns as ignored", () => {
    const { rows, ignoredColumns, customAttributes } = parseUsersCsv(
      "userName,email,firstName,lastName,custom.costCenter,CUSTOM.badgeId,Favourite colour\nana,ana@example.com,Ana,Lopez,CC-1,,blue\n",
    );
    expect(customAttributes).toEqual(["costCenter", "badgeId"]);
    expect(ignoredColumns).toEqual(["Favourite colour"]);
    expect(rows[0].custom).toEqual({ costCenter: "CC-1" });
  });

  it("keeps formula-looking values and quoted commas and newlines as plain text", () => {
    const { rows } = parseUsersCsv('userName,email,firstName,lastName,title\n=cmd(),a@example.com,"=1+2","Lopez, Jr.","@SUM(A1)\nsecond"\n');
    expect(rows[0].values).toMatchObject({ userName: "=cmd()", firstName: "=1+2", lastName: "Lopez, Jr.", title: "@SUM(A1)\nsecond" });
  });

  it("strips a UTF-8 byte order mark and reads semicolon-separated files", () => {
    const { rows } = parseUsersCsv("\uFEFFuserName;email;firstName;lastName\nana;ana@example.com;José;Müller\n");
    expect(rows[0].values).toMatchObject({ userName: "ana", firstName: "José", lastName: "Müller" });
  });

  it.each([
    ["", "The file is empty. Add the header row and one row per user (download the template)."],
    ["userName,email,firstName,lastName\n", "The file has no user rows below the header row."],
    ["userName,firstName\nana,Ana\n", "The file is missing the required columns email, lastName. Start from the template."],
    ["userName,email,firstName\nana,a@example.com,Ana\n", "The file is missing the required column lastName. Start from the template."],
    ["userName,email,Email,firstName,lastName\n", 'The column "Email" appears more than once. Keep one and upload again.'],
    ["userName,email,firstName,lastName,custom.1bad\n", 'Column "custom.1bad": attribute names start with a letter and use letters, digits, _ . - (max 64).'],
    ['userName,email,firstName,lastName\n"ana,a@example.com,Ana,Lopez\n', 'Row 2 has a quote (") that is not closed. Fix it and upload again.'],
    ["userName,email,firstName,lastName\nJos\uFFFD,a@example.com,A,B\n", "The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (Comma delimited)” and upload again."],
  ])("refuses %j with a clear message", (content, message) => {
    expect(fileErrorOf(content)).toBe(message);
  });

  it("refuses more than 10,000 data rows and accepts exactly 10,000", () => {
    const header = "userName,email,firstName,lastName\n";
    const rows = (n: number) => header + Array.from({ length: n }, (_, i) => `u${i},u${i}@example.com,A,B`).join("\n");
    expect(parseUsersCsv(rows(10_000)).rows).toHaveLength(10_000);
    expect(fileErrorOf(rows(10_001))).toBe("The file has 10,001 rows. Import at most 10,000 rows at a time: split the file and import each part.");
  });

  it("refuses files over 5 MB", () => {
    const big = "userName,email,firstName,lastName,title\n" + `a,a@example.com,A,B,${"x".repeat(5 * 1024 * 1024)}\n`;
    expect(fileErrorOf(big)).toBe("The file is larger than 5 MB. Split it into smaller files and import each one.");
  });
});

describe("import template and summaries", () => {
  it("the template has the documented header row and one example row that parses", () => {
    const csv = importTemplateCsv();
    expect(csv.split("\r\n")[0]).toBe("userName,email,firstName,lastName,displayName,title,department,phone,employeeNumber,managerUserName");
    expect(parseUsersCsv(csv).rows).toHaveLength(1);
  });

  it("summaries read as people write them", () => {
    expect(previewSummary({ readyCount: 9_998, errorCount: 2 })).toBe("9,998 rows ready, 2 with errors");
    expect(previewSummary({ readyCount: 1, errorCount: 0 })).toBe("1 row ready, no errors");
    expect(importSummary({ created: 9_998, skippedCount: 2 })).toBe("Imported 9,998 users. 2 rows skipped.");
    expect(importSummary({ created: 1, skippedCount: 1 })).toBe("Imported 1 user. 1 row skipped.");
    expect(importSummary({ created: 3, skippedCount: 0 })).toBe("Imported 3 users.");
  });
});
