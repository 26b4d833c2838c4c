"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False while rendering on the server and hydrating, true afterwards (the viewer's locale and time zone are known). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

const UTC = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/**
 * A time in the viewer's own time zone, with the exact UTC instant in its title. The server
 * cannot know that zone, so it renders UTC (labelled) and the browser switches after hydration.
 */
export function LocalTime({ iso, empty = "—" }: { iso: string | null; empty?: string }) {
  const hydrated = useHydrated();
  if (!iso) return <span className="text-slate-500">{empty}</span>;
  const date = new Date(iso);
  const text = hydrated ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) : `${UTC.format(date)} UTC`;
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {text}
    </time>
  );
}
