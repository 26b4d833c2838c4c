// Streaming CSV for exports. Rows are pulled from an async iterable only when the response body asks for
// more (ReadableStream pull), so a slow client slows the database reads instead of filling memory, and an
// export of a million rows holds one batch at a time. Formatting is csv-stringify's: RFC 4180 quoting,
// CRLF record ends, and its formula escaping (a leading ' before =, +, -, @, tab, CR and their full-width
// forms) so a spreadsheet never runs a cell as a formula.
import { stringify, type Options } from "csv-stringify/sync";

/** A cell value; Dates are written as UTC ISO 8601, null and undefined as an empty cell. */
export type CsvCell = string | number | bigint | boolean | Date | null | undefined;

/** One column of an export: its header and how to read its cell from a row. */
export type CsvColumn<T> = { header: string; value: (row: T) => CsvCell };

/** Options of csvStream. */
export type CsvStreamOptions = {
  /** Rows formatted per pull; bounds memory and the number of awaits per chunk. Default 500. */
  batchSize?: number;
  /** Prefix a UTF-8 byte order mark so older Excel versions read non-ASCII text correctly. Default false. */
  bom?: boolean;
};

const STRINGIFY_OPTIONS: Options = {
  record_delimiter: "windows",
  escape_formulas: true,
  // A lone CR or LF must be quoted too (RFC 4180); csv-stringify only checks for the CRLF record end.
  quoted_match: /[\r\n]/,
  cast: {
    date: (value) => value.toISOString(),
    boolean: (value) => (value ? "true" : "false"),
    bigint: (value) => value.toString(),
  },
};

/** Formats rows (arrays of cells) as CSV text with CRLF line ends, quoting and formula escaping. */
export function formatCsvRows(rows: CsvCell[][]): string {
  return rows.length === 0 ? "" : stringify(rows, STRINGIFY_OPTIONS);
}

/** The HTTP headers for a CSV download named `filename` (ASCII letters, digits, dot, dash, underscore kept). */
export function csvHeaders(filename: string): HeadersInit {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "_") || "export.csv";
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${safe}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/**
 * A CSV byte stream: the header row, then one record per row of `rows`, read lazily with backpressure.
 * Return it as a Response body; cancelling the response (client gone) closes the source iterator.
 */
export function csvStream<T>(
  columns: readonly CsvColumn<T>[],
  rows: AsyncIterable<T> | Iterable<T>,
  options: CsvStreamOptions = {},
): ReadableStream<Uint8Array> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<T> | Iterator<T> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const header = formatCsvRows([columns.map((c) => c.header)]);
        controller.enqueue(encoder.encode(options.bom ? `\uFEFF${header}` : header));
      },
      async pull(controller) {
        iterator ??= Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
        const batch: CsvCell[][] = [];
        while (batch.length < batchSize) {
          const next = await iterator.next();
          if (next.done) {
            if (batch.length > 0) controller.enqueue(encoder.encode(formatCsvRows(batch)));
            controller.close();
            return;
          }
          batch.push(columns.map((c) => c.value(next.value)));
        }
        controller.enqueue(encoder.encode(formatCsvRows(batch)));
      },
      async cancel() {
        await iterator?.return?.();
      },
    },
    // One chunk queued ahead: the next batch is read only once the consumer has taken the previous one.
    { highWaterMark: 1 },
  );
}
