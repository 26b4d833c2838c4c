// <input type="datetime-local"> speaks the viewer's wall-clock time; URLs and the server speak ISO
// instants. Only the browser knows the viewer's time zone, so call these after hydration.

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** An ISO instant as a datetime-local value in the viewer's time zone ("" when missing or invalid). */
export function toLocalInput(iso: string | null): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return "";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (the viewer's time zone) as an ISO instant; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
