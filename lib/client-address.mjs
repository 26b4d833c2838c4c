// The client's network address, decided once where the socket is known (scripts/server.mjs) and
// passed to the app in CLIENT_ADDRESS_HEADER. Plain JavaScript so the server script can use it.

/** The header the console's server sets; anything a client sends under this name is overwritten. */
export const CLIENT_ADDRESS_HEADER = "x-console-client-address";

/**
 * TRUSTED_PROXY_HOPS: how many proxies in front of the console append to X-Forwarded-For.
 * Unset or 0: the socket address is the client. Anything but a whole number from 0 to 10 is refused.
 */
export function trustedProxyHops(env = process.env) {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > 10) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front of the console); it is "${raw}".`);
  }
  return Number(raw);
}

/**
 * With `hops` trusted proxies, each appends the address it received from to X-Forwarded-For and the
 * last one connects to us; so the client is the entry `hops` places from the right of
 * [...forwardedFor, socketAddress]. Entries to the left of that were written by the client and are ignored.
 */
export function clientAddress({ forwardedFor, socketAddress, hops }) {
  const socket = normalise(socketAddress) || "unknown";
  if (!hops) return socket;
  const chain = [
    ...String(forwardedFor ?? "")
      .split(",")
      .map((entry) => normalise(entry))
      .filter(Boolean),
    socket,
  ];
  // Fewer entries than trusted proxies: the request bypassed a proxy; the leftmost entry is the best known.
  return chain[Math.max(0, chain.length - 1 - hops)];
}

function normalise(address) {
  const value = String(address ?? "").trim();
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
  return value.startsWith("::ffff:") && value.includes(".") ? value.slice(7) : value;
}
