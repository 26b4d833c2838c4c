// Web API methods for approvals: auth.test, users.lookupByEmail, chat.postMessage, chat.update, with
// Slack's reply shapes and errors (reference/slack.md section 3), and a response_url endpoint
// (section 4) that records what the console answered a click with.
import { createHash } from "node:crypto";
import type { MethodHandler, RouteHandler, SlackCall, SlackStandInState } from "./types";

/** A workspace member users.lookupByEmail can find; arrange with setState({ slackUsers: [...] }). */
export type StandInSlackUser = { id: string; email: string; name?: string };

/** A message the stand-in holds, as posted and then updated. */
export type StandInMessage = {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs: string | null;
  /** Every chat.update applied to it, oldest first. */
  updates: { text: string; blocks: unknown[]; at: string }[];
};

/** One POST to a response_url. */
export type StandInResponse = { path: string; query: string; body: unknown; at: string };

export const TEAM = { id: "T0STANDIN", domain: "standin", name: "Stand-in workspace" };
const BOT = { userId: "U0APPROVALBOT", botId: "B0APPROVALS", name: "approvals" };

let tsCounter = 0;

function newTs(): string {
  tsCounter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(tsCounter % 1_000_000).padStart(6, "0")}`;
}

function list<T>(state: SlackStandInState, key: string): T[] {
  const current = state[key];
  if (Array.isArray(current)) return current as T[];
  const fresh: T[] = [];
  state[key] = fresh;
  return fresh;
}

/** A bot token is valid when it looks like one and was not revoked (setState({ revokedTokens: [...] })). */
function authError(call: SlackCall, state: SlackStandInState): string | null {
  if (!call.token) return "not_authed";
  if (list<string>(state, "revokedTokens").includes(call.token)) return "token_revoked";
  if (!call.token.startsWith("xoxb-")) return "invalid_auth";
  return null;
}

/** Channel ids stay stable per name, as in a real workspace. */
function channelId(nameOrId: string): string {
  const name = nameOrId.replace(/^#/, "");
  if (/^[CGD][A-Z0-9]{6,}$/.test(name)) return name;
  return `C${createHash("sha256").update(name).digest("hex").slice(0, 9).toUpperCase()}`;
}

/** `blocks` arrives JSON-stringified in form bodies and as an array in JSON bodies. */
function parseBlocks(raw: unknown): unknown[] | "invalid" | undefined {
  if (raw === undefined) return undefined;
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return "invalid";
    }
  }
  if (!Array.isArray(value) || value.length > 50) return "invalid";
  for (const block of value) {
    if (typeof block !== "object" || block === null || typeof (block as { type?: unknown }).type !== "string") return "invalid";
  }
  return value as unknown[];
}

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const fail = (error: string) => ({ body: { ok: false, error } });

function messageShape(m: StandInMessage) {
  return { type: "message", subtype: "bot_message", text: m.text, ts: m.ts, bot_id: BOT.botId, user: BOT.userId, blocks: m.blocks };
}

export const chatMethods: Record<string, MethodHandler> = {
  "auth.test": (call, state) => {
    const error = authError(call, state);
    if (error) return fail(error);
    return {
      body: {
        ok: true,
        url: `https://${TEAM.domain}.slack.com/`,
        team: TEAM.name,
        user: BOT.name,
        team_id: TEAM.id,
        user_id: BOT.userId,
        bot_id: BOT.botId,
        is_enterprise_install: false,
      },
    };
  },

  "users.lookupByEmail": (call, state) => {
    const error = authError(call, state);
    if (error) return fail(error);
    const email = str(call.args.email).trim().toLowerCase();
    if (!email) return fail("invalid_arguments");
    const user = list<StandInSlackUser>(state, "slackUsers").find((u) => u.email.toLowerCase() === email);
    if (!user) return fail("users_not_found");
    const name = user.name ?? email.split("@")[0];
    return {
      body: {
        ok: true,
        user: { id: user.id, team_id: TEAM.id, name, real_name: name, deleted: false, is_bot: false, profile: { email: user.email, real_name: name, display_name: name } },
      },
    };
  },

  "chat.postMessage": (call, state) => {
    const error = authError(call, state);
    if (error) return fail(error);
    const channel = str(call.args.channel).trim();
    if (!channel) return fail("channel_not_found");
    if (list<string>(state, "archivedChannels").includes(channel)) return fail("is_archived");
    const blocks = parseBlocks(call.args.blocks);
    if (blocks === "invalid") return fail("invalid_blocks");
    const text = str(call.args.text);
    if (!text && !blocks?.length) return fail("no_text");
    const message: StandInMessage = {
      channel: channelId(channel),
      ts: newTs(),
      text,
      blocks: blocks ?? [],
      threadTs: str(call.args.thread_ts) || null,
      updates: [],
    };
    list<StandInMessage>(state, "messages").push(message);
    return { body: { ok: true, channel: message.channel, ts: message.ts, message: messageShape(message) } };
  },

  "chat.update": (call, state) => {
    const error = authError(call, state);
    if (error) return fail(error);
    const channel = str(call.args.channel).trim();
    // chat.update takes a channel id only; a name is not found.
    if (!/^[CGD][A-Z0-9]{6,}$/.test(channel)) return fail("channel_not_found");
    const message = list<StandInMessage>(state, "messages").find((m) => m.channel === channel && m.ts === str(call.args.ts));
    if (!message) return fail("message_not_found");
    const blocks = parseBlocks(call.args.blocks);
    if (blocks === "invalid") return fail("invalid_blocks");
    const text = call.args.text === undefined ? message.text : str(call.args.text);
    // Omitted blocks are kept; an empty array removes them.
    if (blocks !== undefined) message.blocks = blocks;
    message.text = text;
    message.updates.push({ text, blocks: message.blocks, at: new Date().toISOString() });
    return { body: { ok: true, channel, ts: message.ts, text, message: messageShape(message) } };
  },
};

/** response_url: the click helper points it here; answers as hooks.slack.com does (200 "ok"). */
const recordResponse: RouteHandler = (req, res, url, rawBody, state) => {
  if (req.method !== "POST") {
    res.writeHead(405).end();
    return;
  }
  let body: unknown = rawBody;
  try {
    body = JSON.parse(rawBody);
  } catch {
    res.writeHead(400, { "content-type": "text/plain" }).end("invalid_payload");
    return;
  }
  list<StandInResponse>(state, "responses").push({ path: url.pathname, query: url.search, body, at: new Date().toISOString() });
  res.writeHead(200, { "content-type": "text/plain" }).end("ok");
};

export const chatRoutes: Record<string, RouteHandler> = { "/actions/response": recordResponse };
