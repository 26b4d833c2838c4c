"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useToast } from "./toast";

/**
 * The state of a dialog that confirms one server action: pending while it runs; on failure the
 * action's message, with the dialog left open; on success a toast, and the dialog closes.
 */
export function useConfirmedAction(onClose: () => void) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const toast = useToast();
  const close = () => {
    setError(undefined);
    onClose();
  };
  function run<T>(action: () => Promise<ActionResult<T>>, success: (data: T) => string) {
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setError(result.message);
      toast(success(result.data));
      close();
    });
  }
  return { pending, error, setError, close, run };
}
