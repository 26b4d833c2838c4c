import { ownTotpStatus } from "@/lib/operator-factors/remove-totp";
import { TotpPanel } from "./totp-panel";

/** Your account > Authenticator app: on or off, recovery codes left, and the ways to change it. */
export async function TotpSection() {
  const status = await ownTotpStatus();
  return (
    <section aria-labelledby="totp-heading" className="space-y-3">
      <div>
        <h2 id="totp-heading" className="text-lg font-semibold text-slate-900">
          Authenticator app
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          A 6-digit code from an app on your phone, asked for after your password. Recovery codes stand in for the app if you lose it.
          {status.required ? " Your role must use a second factor (an authenticator app or a passkey)." : ""}
        </p>
      </div>
      <TotpPanel status={status} />
    </section>
  );
}
