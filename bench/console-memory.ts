// Console memory during a 10,000-user grant in the default set-up (`npm start`: the worker runs in the
// console process). The measuring process (bench/console-memory-measure.ts) runs on a fresh SQLite database.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { createTestDatabase, dropTestDatabase } from "../scripts/test-db.mjs";
import type { ConsoleMemoryResult } from "./console-memory-measure";
import { loadLine, machineLine, writeSection } from "./report";

/** Runs the measuring process on a fresh database of `lane` and returns what it measured. */
export async function benchConsoleMemory(lane: "sqlite" | "postgres"): Promise<ConsoleMemoryResult> {
  const url = createTestDatabase(lane, "bench");
  try {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("bench/console-memory-measure.ts")], {
      env: { ...process.env, DATABASE_URL: url, CREDENTIALS_ENCRYPTION_KEY: process.env.CREDENTIALS_ENCRYPTION_KEY || "bench-credentials-key-not-for-production" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let result: ConsoleMemoryResult | undefined;
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.startsWith("RESULT ")) result = JSON.parse(line.slice("RESULT ".length)) as ConsoleMemoryResult;
      else console.log(line);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0 || !result) throw new Error(`the console-memory benchmark on ${lane} failed (exit ${code})`);
    return result;
  } finally {
    dropTestDatabase(url);
  }
}

/** Writes the "Console memory during a large grant" section of docs/benchmarks.md. */
export function writeConsoleMemorySection(results: { lane: string; result: ConsoleMemoryResult }[]): void {
  const rows = results.map(({ lane, result: r }) => {
    const met = r.active === r.users && r.peakMb <= 300;
    return `| ${lane} | ${r.users.toLocaleString("en-US")} | ${r.active.toLocaleString("en-US")} | ${r.saveSeconds.toFixed(1)} | ${r.convergeSeconds.toFixed(1)} | ${r.idlePeakMb.toFixed(0)} | ${r.peakMb.toFixed(0)} | ${r.endRssMb.toFixed(0)} | ${met ? "yes" : "**no**"} |`;
  });
  writeSection(
    "Console memory during a large grant (in-process worker)",
    [
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machineLine()}; ${loadLine()}`,
      "- Command: `BENCH_ONLY=console-memory npm run bench` (also part of `npm run bench`; BENCH_MEMORY_USERS sets the group's size)",
      "- Method: the default set-up of `npm start` (scripts/start.mjs, the worker in the console process) on a fresh database; a SCIM stand-in in its own process answers every request after 20 ms; the app's pacing is raised (600,000 writes/min, 32 in flight) so the worker runs flat out. An admin, in Chromium, adds a policy granting the app to a group of all the users: Preview impact, then Save (the preview, the enqueue transaction and the whole push run in the console process). Peak RSS is the console server process's VmHWM: \"idle\" after it served the users and policy pages, \"peak\" once every account is active (the same process, so the difference is what the grant cost). Goal: peak ≤ 300 MB.",
      "",
      "| database | users | active | save s | all active s | idle peak RSS MB | peak RSS MB | RSS at the end MB | peak ≤ 300 MB |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n"),
  );
}
