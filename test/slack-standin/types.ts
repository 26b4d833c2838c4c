import type { IncomingMessage, ServerResponse } from "node:http";

/** One Web API call as the stand-in received it. */
export type SlackCall = {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token, if any. */
  token: string | null;
  /** HTTP Basic client credentials, if any (oauth.v2.access). */
  basicAuth: { user: string; password: string } | null;
  contentType: string;
  at: string;
};

/** Free-form state the method files share (issued codes, tokens, messages, users); JSON only. */
export type SlackStandInState = Record<string, unknown>;

export type SlackReply = { status?: number; headers?: Record<string, string>; body: unknown };

export type MethodHandler = (call: SlackCall, state: SlackStandInState, ctx: { origin: string }) => SlackReply | Promise<SlackReply>;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string, state: SlackStandInState, ctx: { origin: string }) => void | Promise<void>;
