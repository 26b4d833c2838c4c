import { Facts } from "@/components/ui/facts";
import { LocalTime } from "@/components/ui/local-time";
import { pageActor } from "@/lib/page-guard";
import { can, ROLE_LABELS } from "@/lib/permissions";
import { getSsoSettings } from "@/lib/sso/sso-settings";
import { SsoSettingsForm, SsoTestButton } from "./sso-settings-form";

/** Settings > Sign-in > Single sign-on: an OpenID Connect provider operators sign in with. */
export async function SsoSettingsSection() {
  const actor = await pageActor("admins:read");
  const settings = await getSsoSettings();
  const canWrite = can(actor.role, "admins:write");
  return (
    <section aria-labelledby="sso-heading" className="space-y-4">
      <div>
        <h2 id="sso-heading" className="text-lg font-semibold text-slate-900">
          Single sign-on
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          Operators can sign in through your identity provider (Okta, Microsoft Entra ID, Google, Keycloak … any OpenID Connect provider). The provider
          confirms the operator&apos;s email address, which must be verified and match an enabled operator here; the provider&apos;s own multi-factor
          rules stand in for the console&apos;s second factor.
        </p>
      </div>
      <p data-testid="sso-status" className="text-sm text-slate-700">
        {settings.problem
          ? `Not usable: ${settings.problem}`
          : settings.configured
            ? `On: the sign-in page offers “Sign in with ${settings.displayName}”${settings.ssoOnly ? ", and only the break-glass admin may use a password" : ""}.`
            : "Off. Register the console at your provider as a web application, then enter its issuer, client ID and client secret here."}
        {settings.updatedBy && settings.updatedAt ? (
          <>
            {" "}
            Last changed by {settings.updatedBy}, <LocalTime iso={settings.updatedAt} />.
          </>
        ) : null}
      </p>
      <div className="max-w-xl space-y-1">
        <label htmlFor="sso-callback-url" className="block text-sm font-medium text-slate-700">
          Callback URL
        </label>
        <input
          id="sso-callback-url"
          readOnly
          value={settings.callbackUrl}
          aria-describedby="sso-callback-url-hint"
          className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
        />
        <p id="sso-callback-url-hint" className="text-xs text-slate-500">
          Register it at the provider as the application&apos;s sign-in redirect URI. It is built from PUBLIC_URL (or AUTH_URL).
        </p>
      </div>
      {settings.source === "environment" ? (
        <div className="max-w-xl space-y-3">
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200">
            These values come from the environment (SSO_ISSUER, SSO_CLIENT_ID, SSO_CLIENT_SECRET …) and override Settings. Change them there and restart the
            console.
          </p>
          <Facts
            label="Single sign-on from the environment"
            rows={[
              ["Issuer", settings.issuer || "—"],
              ["Client ID", settings.clientId || "—"],
              ["Client secret", settings.clientSecretHint ? `Stored (${settings.clientSecretHint})` : "Not set"],
              ["Button name", settings.displayName || "—"],
              ["Create operators on first sign-in", settings.createOnFirstSignIn ? `Yes, as ${ROLE_LABELS[settings.createRole]}` : "No"],
              ["SSO only", settings.ssoOnly ? "Yes" : "No"],
              ["Break-glass admin", settings.breakGlassEmail ?? "Not set (SSO_BREAK_GLASS_EMAIL)"],
            ]}
          />
          {canWrite ? <SsoTestButton issuer={settings.issuer} /> : null}
        </div>
      ) : (
        <SsoSettingsForm settings={settings} canWrite={canWrite} />
      )}
    </section>
  );
}
