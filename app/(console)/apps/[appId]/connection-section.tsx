import { getConnectionStatus } from "@/lib/oauth/connection-status";
import { ConnectionPanel } from "./connection-panel";

/** Settings tab: how the app authenticates, and its OAuth connection. */
export async function ConnectionSection({ appId, canConnect }: { appId: string; canConnect: boolean }) {
  const status = await getConnectionStatus(appId);
  return <ConnectionPanel status={status} canConnect={canConnect} />;
}
