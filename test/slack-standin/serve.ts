// Runs the Slack stand-in as its own process for the e2e suite: `tsx test/slack-standin/serve.ts <port>`.
import { startSlackStandIn } from "./index";

const port = Number(process.argv[2] ?? process.env.SLACK_STANDIN_PORT ?? 0);
const standIn = await startSlackStandIn({ port });
console.log(`Slack stand-in on ${standIn.origin}`);
const stop = () => void standIn.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
