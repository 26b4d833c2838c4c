import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { safeNextPath } from "@/lib/sign-in/next-path";
import { ssoSignInOptions } from "@/lib/sso/config";
import { ssoFailureMessage } from "@/lib/sso/errors";

/**
 * "Sign in with <provider>" above the password form when single sign-on is set up, and the reason a
 * single sign-on attempt was refused (?error=…). With "SSO only" the password form stays for the
 * break-glass admin, and says so.
 */
export async function SsoSignIn({ next, error, reason }: { next?: string; error?: string; reason?: string }) {
  const options = await ssoSignInOptions();
  const message = ssoFailureMessage(error, reason);
  const start = `/api/auth/sso/start${next ? `?next=${encodeURIComponent(safeNextPath(next))}` : ""}`;
  return (
    <div className="mb-4 space-y-4">
      {message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {message}
        </p>
      ) : null}
      {options.available ? (
        <>
          {/* A plain link: the start route redirects to the provider, which a fetch could not follow. */}
          <a href={start} className={cn(buttonClasses("secondary"), "w-full")}>
            Sign in with {options.displayName}
          </a>
          <div className="flex items-center gap-3 text-xs uppercase text-slate-500" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          {options.ssoOnly ? <p className="text-sm text-slate-600">Password sign-in is for the break-glass admin only.</p> : null}
        </>
      ) : null}
    </div>
  );
}
