import { getConnectionStatus } from "@/lib/oauth/connection-status";
import { ConnectButton } from "./connection-panel";
import { OAuthResultNotice } from "./oauth-result-notice";

/** Above the tabs: the outcome of a connect attempt just made, and "reconnect needed" with its Reconnect button. */
export async function ConnectionBanner({ appId, canConnect }: { appId: string; canConnect: boolean }) {
  const status = await getConnectionStatus(appId);
  const needsReconnect = status.health === "reconnect_needed";
  return (
    <>
      <OAuthResultNotice />
      {needsReconnect ? (
        <div role="alert" className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          <p>
            <strong>Reconnect needed.</strong> {status.healthMessage ?? "The app's connection is gone."} Queued provisioning waits until then.
          </p>
          {canConnect && status.credentialKind !== "bearer" && status.clientId && status.clientSecretSet ? (
            <ConnectButton appId={appId} label={status.credentialKind === "slack_oauth" ? "Reconnect with Slack" : "Reconnect"} />
          ) : null}
        </div>
      ) : null}
    </>
  );
}
