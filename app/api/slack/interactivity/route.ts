import { after } from "next/server";
import { handleSlackInteraction } from "@/lib/slack/handle-interaction";

export const dynamic = "force-dynamic";

/** Runs work after the response is sent; outside a Next request (route tests) it just starts it. */
function afterResponse(task: () => Promise<void>) {
  const run = () => task().catch((error: unknown) => console.error(`[slack interactivity] follow-up failed: ${error instanceof Error ? error.message : String(error)}`));
  try {
    after(run);
  } catch {
    void run();
  }
}

/** Slack's Interactivity Request URL: signed block_actions clicks on approval messages. */
export async function POST(request: Request): Promise<Response> {
  // The signature covers the exact bytes Slack sent, so the body is read raw, before any parsing.
  const rawBody = await request.text();
  const answer = await handleSlackInteraction({
    rawBody,
    timestamp: request.headers.get("x-slack-request-timestamp"),
    signature: request.headers.get("x-slack-signature"),
  });
  if (answer.followUp) afterResponse(answer.followUp);
  return new Response(answer.body, { status: answer.status });
}
