// Console memory during a 10,000-user grant in the default set-up (`npm start`: the worker runs in the
// console process). The measuring process (bench/console-memory-measure.ts) runs on a fresh SQLite database.
import type { ConsoleMemoryResult } from "./console-memory-measure";
import { DEFAULT_CONSOLE_MAX_HEAP_MB } from "../scripts/console-heap.mjs";
import { runMeasuringProcess } from "./processes";
import { loadLine, machineLine, writeSection } from "./report";

/** V8's own limits (no cap), for the comparison run: what the console did before it had one. */
const UNCAPPED = "--max-old-space-size=4096 --max-semi-space-size=16";

export type ConsoleMemoryRun = { heap: string; result: ConsoleMemoryResult };

/** Runs the measuring process on a fresh database of `lane`: with the console's default heap cap, then without one. */
export async function benchConsoleMemory(lane: "sqlite" | "postgres"): Promise<ConsoleMemoryRun[]> {
  const cap = process.env.CONSOLE_MAX_HEAP_MB ?? String(DEFAULT_CONSOLE_MAX_HEAP_MB);
  const capped = await runMeasuringProcess<ConsoleMemoryResult>("bench/console-memory-measure.ts", lane);
  const uncapped = await runMeasuringProcess<ConsoleMemoryResult>("bench/console-memory-measure.ts", lane, { env: { BENCH_CONSOLE_NODE_OPTIONS: UNCAPPED } });
  return [
    { heap: `CONSOLE_MAX_HEAP_MB=${cap} (npm start's default)`, result: capped },
    { heap: `no cap (NODE_OPTIONS="${UNCAPPED}"), for comparison`, result: uncapped },
  ];
}

/** Writes the "Console memory during a large grant" section of docs/benchmarks.md. */
export function writeConsoleMemorySection(results: { lane: string; result: ConsoleMemoryRun[] }[]): void {
  const rows = results.flatMap(({ lane, result: runs }) =>
    runs.map(({ heap, result: r }) => {
      const met = r.active === r.users && r.peakMb <= 300;
      return `| ${lane} | ${heap} | ${r.users.toLocaleString("en-US")} | ${r.active.toLocaleString("en-US")} | ${r.saveSeconds.toFixed(1)} | ${r.convergeSeconds.toFixed(1)} | ${r.idlePeakMb.toFixed(0)} | ${r.savePeakMb.toFixed(0)} | ${r.pushPeakMb.toFixed(0)} | ${r.peakMb.toFixed(0)} | ${met ? "yes" : "**no**"} |`;
    }),
  );
  writeSection(
    "Console memory during a large grant (in-process worker)",
    [
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machineLine()}; ${loadLine()}`,
      "- Command: `BENCH_ONLY=console-memory npm run bench` (also part of `npm run bench`; BENCH_MEMORY_USERS sets the group's size)",
      "- Method: the default set-up of `npm start` (scripts/start.mjs, the worker in the console process) on a fresh database; a SCIM stand-in in its own process answers every request after 20 ms; the app's pacing is raised (600,000 writes/min, 32 in flight) so the worker runs flat out. An admin, in Chromium, adds a policy granting the app to a group of all the users: Preview impact, then Save (the preview, the enqueue transaction and the whole push run in the console process). Peak RSS is the console server process's VmHWM: \"idle\" after it served the users and policy pages, \"peak\" once every account is active (the same process, so the difference is what the preview, the save and the push cost); RSS sampled every 100 ms shows which part was highest. The same run repeats it without a heap cap (the console before it had one) for comparison. Goal: peak ≤ 300 MB with the default.",
      "",
      "| database | console heap | users | active | save s | all active s | idle peak RSS MB | RSS during the save MB | RSS during the push MB | peak RSS MB | peak ≤ 300 MB |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n"),
  );
}
