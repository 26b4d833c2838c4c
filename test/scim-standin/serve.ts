// The SCIM stand-in as its own process, so a benchmark's worker does not share a Node thread (CPU, heap)
// with the app it provisions. Options come from the environment:
//   STANDIN_LATENCY_MS (delay before every answer), STANDIN_SLACK=1 (Slack mode), STANDIN_TOKEN,
//   STANDIN_RATE_PER_MINUTE with STANDIN_RATE_BURST (429 + Retry-After beyond them on writes to /Users).
// Once listening it prints one JSON line `{ baseUrl, token, pid }` on stdout. On SIGTERM or SIGINT (or when
// its stdin closes, i.e. the parent is gone) it stops, prints one JSON line of StandInStats and exits.
//   node --import tsx test/scim-standin/serve.ts
import { fstatSync } from "node:fs";
import { z } from "zod";
import { startScimStandIn } from "./index";
import { isUserWrite } from "./rate-limit";

/** What the stand-in process reports when it stops. */
export type StandInStats = {
  /** Every request it received. */
  requests: number;
  /** POST/PUT/PATCH/DELETE on /Users, the writes Slack's limit counts. */
  userWrites: number;
  /** Writes answered 429 by the rate limit. */
  limited: number;
  /** Arrival (epoch ms) of the first and last write to /Users; null without writes. */
  firstUserWriteAt: number | null;
  lastUserWriteAt: number | null;
  /** Users it holds. */
  users: number;
  /** This process's peak resident set (getrusage maxrss, the same as /proc VmHWM). */
  peakRssMb: number;
};

const optionalNumber = z.coerce.number().int().nonnegative().optional();
const env = z
  .object({
    STANDIN_LATENCY_MS: optionalNumber,
    STANDIN_SLACK: z.enum(["0", "1"]).optional(),
    STANDIN_TOKEN: z.string().min(1).optional(),
    STANDIN_RATE_PER_MINUTE: z.coerce.number().positive().optional(),
    STANDIN_RATE_BURST: z.coerce.number().int().positive().optional(),
  })
  .refine((e) => (e.STANDIN_RATE_PER_MINUTE === undefined) === (e.STANDIN_RATE_BURST === undefined), {
    message: "Set STANDIN_RATE_PER_MINUTE and STANDIN_RATE_BURST together, or neither.",
  })
  .parse(process.env);

const standIn = await startScimStandIn({
  latencyMs: env.STANDIN_LATENCY_MS,
  slack: env.STANDIN_SLACK === "1",
  token: env.STANDIN_TOKEN,
  rateLimit: env.STANDIN_RATE_PER_MINUTE && env.STANDIN_RATE_BURST ? { perMinute: env.STANDIN_RATE_PER_MINUTE, burst: env.STANDIN_RATE_BURST } : undefined,
});
console.log(JSON.stringify({ baseUrl: standIn.baseUrl, token: standIn.token, pid: process.pid }));

function stats(): StandInStats {
  const writes = standIn.requests.filter((r) => isUserWrite(r.method, r.path));
  return {
    requests: standIn.requests.length,
    userWrites: writes.length,
    limited: writes.filter((r) => r.retryAfter !== undefined).length,
    firstUserWriteAt: writes[0]?.at ?? null,
    lastUserWriteAt: writes.at(-1)?.at ?? null,
    users: standIn.users().length,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const line = JSON.stringify(stats());
  await standIn.close();
  process.stdout.write(`${line}\n`, () => process.exit(0));
}

for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stop());
// A parent that dies without signalling closes the pipe on our stdin: stop instead of lingering on the
// port. Only for a pipe: /dev/null (stdin "ignore") ends at once.
const stdin = fstatSync(0);
if (stdin.isFIFO() || stdin.isSocket()) {
  process.stdin.on("end", () => void stop());
  process.stdin.resume();
}
