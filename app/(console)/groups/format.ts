// Dates render on the server and again in the browser: a fixed time zone keeps both the same.
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** "Jan 5, 2026" for list cells. */
export function formatDate(value: Date | string): string {
  return DATE.format(new Date(value));
}

/** "1 member" / "3 members". */
export function membersLabel(count: number): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "member" : "members"}`;
}
