import { z } from "zod";

/** The parts of Slack's block_actions payload the console uses (reference/slack.md section 4). */
export const blockActionsSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1).max(32), username: z.string().optional(), team_id: z.string().optional() }),
  team: z.object({ id: z.string().min(1).max(32) }).nullish(),
  channel: z.object({ id: z.string().min(1).max(32) }).nullish(),
  container: z.looseObject({ channel_id: z.string().optional(), message_ts: z.string().optional() }).nullish(),
  message: z.looseObject({ ts: z.string() }).nullish(),
  response_url: z.string().max(2_000).optional(),
  actions: z
    .array(z.object({ action_id: z.string().max(255), block_id: z.string().optional(), value: z.string().max(2_000).optional(), type: z.string().optional() }))
    .min(1),
});
export type BlockActions = z.infer<typeof blockActionsSchema>;

/** Any interaction payload: only its type is read before deciding whether the console handles it. */
const anyPayloadSchema = z.object({ type: z.string() });

/** Reads `payload=<JSON>` from the form body; null when it is not a Slack interaction. */
export function parseInteraction(rawBody: string): { kind: "block_actions"; payload: BlockActions } | { kind: "other"; type: string } | null {
  const text = new URLSearchParams(rawBody).get("payload");
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const any = anyPayloadSchema.safeParse(json);
  if (!any.success) return null;
  if (any.data.type !== "block_actions") return { kind: "other", type: any.data.type.slice(0, 40) };
  const parsed = blockActionsSchema.safeParse(json);
  return parsed.success ? { kind: "block_actions", payload: parsed.data } : null;
}
