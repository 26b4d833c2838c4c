import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvHeaders, csvStream, formatCsvRows, type CsvColumn } from "./csv";

type Row = { name: string; count: number | null; at: Date | null };

const COLUMNS: CsvColumn<Row>[] = [
  { header: "Name", value: (r) => r.name },
  { header: "Count", value: (r) => r.count },
  { header: "At (UTC)", value: (r) => r.at },
];

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return await new Response(stream).text();
}

describe("formatCsvRows", () => {
  it.each([
    ["plain", "alice", "alice\r\n"],
    ["comma is quoted", "a,b", '"a,b"\r\n'],
    ["quote is doubled and quoted", 'say "hi"', '"say ""hi"""\r\n'],
    ["newline is quoted", "line1\nline2", '"line1\nline2"\r\n'],
    ["CRLF is quoted", "line1\r\nline2", '"line1\r\nline2"\r\n'],
    ["= formula gets a leading quote", "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"],
    ["+ formula gets a leading quote", "+1+2", "'+1+2\r\n"],
    ["- formula gets a leading quote", "-2+3", "'-2+3\r\n"],
    ["@ formula gets a leading quote", "@SUM(A1)", "'@SUM(A1)\r\n"],
    ["leading tab gets a leading quote", "\t=1", "'\t=1\r\n"],
    ["leading CR gets a leading quote and quoting", "\r=1", "\"'\r=1\"\r\n"],
    ["full-width = gets a leading quote", "\uFF1D1+1", "'\uFF1D1+1\r\n"],
    ["= inside a value is left alone", "a=b", "a=b\r\n"],
    ["UTF-8 text is kept", "Zoë Łukasz 日本 🙂", "Zoë Łukasz 日本 🙂\r\n"],
  ])("%s", (_name, value, expected) => {
    expect(formatCsvRows([[value]])).toBe(expected);
  });

  it("writes negative numbers as numbers, dates as UTC ISO, null as an empty cell", () => {
    const at = new Date("2026-11-22T10:00:00+02:00");
    expect(formatCsvRows([[-5, at, null, undefined, true]])).toBe("-5,2026-11-22T08:00:00.000Z,,,true\r\n");
  });
});

describe("csvStream", () => {
  it("writes the header row and every row, and a CSV parser reads back exactly the values", async () => {
    const rows: Row[] = [
      { name: '=cmd|"/c calc"!A1', count: 3, at: new Date("2026-01-02T03:04:05Z") },
      { name: "Ann, \"the\" admin\nsecond line", count: null, at: null },
      { name: "Łódź", count: -1, at: new Date("2026-06-30T23:59:59.999Z") },
    ];
    const text = await readAll(csvStream(COLUMNS, rows));
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ["Name", "Count", "At (UTC)"],
      ['\'=cmd|"/c calc"!A1', "3", "2026-01-02T03:04:05.000Z"],
      ['Ann, "the" admin\nsecond line', "", ""],
      ["Łódź", "-1", "2026-06-30T23:59:59.999Z"],
    ]);
  });

  it("writes only the header for no rows, and a byte order mark when asked", async () => {
    expect(await readAll(csvStream(COLUMNS, []))).toBe("Name,Count,At (UTC)\r\n");
    const bytes = new Uint8Array(await new Response(csvStream(COLUMNS, [], { bom: true })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("streams a large iterable lazily: the source is never read more than two batches ahead of the reader", async () => {
    const total = 200_000;
    const batchSize = 500;
    let produced = 0;
    async function* source(): AsyncGenerator<Row> {
      for (let i = 0; i < total; i++) {
        produced++;
        yield { name: `user-${i}`, count: i, at: null };
      }
    }
    const reader = csvStream(COLUMNS, source(), { batchSize }).getReader();
    let records = 0;
    let maxAhead = 0;
    let lastRecord = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = new TextDecoder().decode(value);
      const lines = text.split("\r\n").filter(Boolean);
      records += lines.length;
      lastRecord = lines.at(-1) ?? lastRecord;
      maxAhead = Math.max(maxAhead, produced - (records - 1));
    }
    expect(records).toBe(total + 1);
    expect(lastRecord).toBe(`user-${total - 1},${total - 1},`);
    expect(maxAhead).toBeLessThanOrEqual(2 * batchSize);
  });

  it("does not read the source before the body is read, and closes it when the reader cancels", async () => {
    let produced = 0;
    let closed = false;
    async function* source(): AsyncGenerator<Row> {
      try {
        for (let i = 0; ; i++) {
          produced++;
          yield { name: `n${i}`, count: i, at: null };
        }
      } finally {
        closed = true;
      }
    }
    const stream = csvStream(COLUMNS, source(), { batchSize: 10 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(produced).toBeLessThanOrEqual(10);
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
    expect(produced).toBeLessThanOrEqual(40);
  });

  it("errors the stream when the source fails, instead of ending it as if complete", async () => {
    async function* source(): AsyncGenerator<Row> {
      yield { name: "a", count: 1, at: null };
      throw new Error("database went away");
    }
    await expect(readAll(csvStream(COLUMNS, source()))).rejects.toThrow("database went away");
  });
});

describe("csvHeaders", () => {
  it("names the download safely and forbids caching", () => {
    const headers = new Headers(csvHeaders('access "at" 2026/11/22.csv'));
    expect(headers.get("Content-Disposition")).toBe('attachment; filename="access__at__2026_11_22.csv"');
    expect(headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(headers.get("Cache-Control")).toBe("no-store");
  });
});
