#!/usr/bin/env node
// The console's HTTP server: Next's request handler behind a plain Node server, so the client's
// address comes from the socket (or from X-Forwarded-For only as far as TRUSTED_PROXY_HOPS trusts it)
// and no client can choose the address that sign-in throttling counts.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedProxyHops } from "../lib/client-address.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;
const hops = trustedProxyHops();

const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const address = clientAddress({ forwardedFor: req.headers["x-forwarded-for"], socketAddress: req.socket.remoteAddress, hops });
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  // Next fills X-Forwarded-For only when it is missing; keep it to what was trusted.
  req.headers["x-forwarded-for"] = address;
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Identity Console listening on http://${hostname ?? "0.0.0.0"}:${port}${hops ? ` (trusting ${hops} proxy hop${hops === 1 ? "" : "s"})` : ""}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
