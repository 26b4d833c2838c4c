"use client";

import { useSearchParams } from "next/navigation";
import { oauthFailureMessage } from "@/lib/oauth/errors";

/** What the OAuth callback reported (?oauth=connected or ?oauth_error=<code>), in words. */
export function OAuthResultNotice() {
  const params = useSearchParams();
  const error = params.get("oauth_error");
  if (error) {
    return (
      <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
        Connection not completed: {oauthFailureMessage(error)}
      </p>
    );
  }
  if (params.get("oauth") === "connected") {
    return (
      <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 ring-1 ring-green-200">
        Connected. The token is stored encrypted; the console refreshes it when needed.
      </p>
    );
  }
  return null;
}
