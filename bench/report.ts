// Writes one section of docs/benchmarks.md, keeping the other sections.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** p-th percentile (0-100) of the samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** One line describing this machine. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} cores (${cpu.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

// The load average when `npm run bench` started: other work on the machine, before any benchmark process ran.
const loadAtStart = os.loadavg()[0];

/** The load average before the benchmarks and now; only the first tells whether other work was running. */
export function loadLine(): string {
  const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(1));
  // Below 1 on the 1-minute average, other work (or the fading load of an earlier run) held less than one core.
  const before = loadAtStart < 1 ? "the machine was mostly idle" : "other work was running on the machine";
  return `load average ${loadAtStart.toFixed(1)} when the benchmarks started (${before}), ${one} / ${five} / ${fifteen} at the end (the benchmark's own processes)`;
}

/** Replaces (or appends) the section titled `title` in docs/benchmarks.md. */
export function writeSection(title: string, body: string): void {
  const file = path.resolve("docs/benchmarks.md");
  const header = "# Benchmarks\n\nWritten by `npm run bench`; each section is replaced when its benchmark runs again.\n";
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : header;
  const marker = `\n## ${title}\n`;
  const section = `${marker}\n${body.trim()}\n`;
  const start = current.indexOf(marker);
  let next: string;
  if (start === -1) {
    next = current.trimEnd() + "\n" + section;
  } else {
    const after = current.indexOf("\n## ", start + marker.length);
    next = current.slice(0, start) + section + (after === -1 ? "" : current.slice(after));
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next.trimEnd() + "\n");
}
