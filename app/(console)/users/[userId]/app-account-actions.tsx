"use client";

import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { provisionNowAction, retryJobAction } from "./actions";

/** Provision now for one app, and Retry when the latest job failed. */
export function AppAccountActions({ userId, appId, appName, failedJobId }: { userId: string; appId: string; appName: string; failedJobId: string | null }) {
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const run = <T,>(call: () => Promise<ActionResult<T>>, success: (data: T) => string) =>
    startTransition(async () => {
      const result = await call();
      if (!result.ok) toast(result.message, "error");
      else toast(success(result.data));
    });

  return (
    <div className="flex flex-wrap gap-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-label={`Provision now in ${appName}`}
        onClick={() =>
          run(
            () => provisionNowAction(userId, appId),
            (data) =>
              data.queued > 0 ? `Queued provisioning in ${appName}.` : `Nothing to do in ${appName}: the account is up to date or already queued.`,
          )
        }
      >
        Provision now
      </Button>
      {failedJobId ? (
        <Button
          size="sm"
          disabled={pending}
          aria-label={`Retry in ${appName}`}
          onClick={() => run(() => retryJobAction(userId, failedJobId), () => `Queued a retry in ${appName}.`)}
        >
          Retry
        </Button>
      ) : null}
    </div>
  );
}

const REFRESH_MS = 2_000;

/** While a job is queued or running, re-reads the page now and then so the new state appears without a reload. */
export function RefreshWhileWorking({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
