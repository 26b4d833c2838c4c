"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import type { OwnSession } from "@/lib/sessions/manage-sessions";
import { endOtherOwnSessionsAction, endOwnSessionAction } from "./session-actions";

const plural = (n: number) => `${n} other session${n === 1 ? "" : "s"}`;

/** The operator's sessions with "End" per row and "Sign out everywhere else", each confirmed. */
export function SessionsTable({ sessions }: { sessions: OwnSession[] }) {
  const [ending, setEnding] = useState<OwnSession | "others" | null>(null);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full max-w-5xl text-sm" aria-label="Sessions">
          <thead className="text-left text-slate-600">
            <tr className="border-b border-slate-200">
              <th className="py-2 pr-4 font-medium">Browser</th>
              <th className="py-2 pr-4 font-medium">IP</th>
              <th className="py-2 pr-4 font-medium">Signed in with</th>
              <th className="py-2 pr-4 font-medium">Signed in</th>
              <th className="py-2 pr-4 font-medium">Last seen</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-4">
                  <span className="font-medium text-slate-900">{session.browser}</span> <span className="text-slate-600">on {session.os}</span>
                  {session.current ? (
                    <span className="ml-2">
                      <Badge tone="info">This browser</Badge>
                    </span>
                  ) : null}
                </td>
                <td className="py-2 pr-4 font-mono text-xs">{session.ip}</td>
                <td className="py-2 pr-4">
                  {session.method}
                  {session.pending ? (
                    <span className="ml-2">
                      <Badge tone="warning">Second factor not given</Badge>
                    </span>
                  ) : null}
                </td>
                <td className="py-2 pr-4">
                  <LocalTime iso={session.signedInAt} />
                </td>
                <td className="py-2 pr-4">
                  <LocalTime iso={session.lastSeenAt} />
                </td>
                <td className="py-2 text-right">
                  {session.current ? null : (
                    <Button variant="ghost" size="sm" aria-label={`End session of ${session.browser} on ${session.os} from ${session.ip}`} onClick={() => setEnding(session)}>
                      End
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others > 0 ? (
        <Button variant="secondary" onClick={() => setEnding("others")}>
          Sign out everywhere else
        </Button>
      ) : (
        <p className="text-sm text-slate-600">You are signed in only in this browser.</p>
      )}
      <EndSessionDialog ending={ending} others={others} onClose={() => setEnding(null)} />
    </div>
  );
}

function EndSessionDialog({ ending, others, onClose }: { ending: OwnSession | "others" | null; others: number; onClose: () => void }) {
  const { pending, error, close, run } = useConfirmedAction(onClose);
  const confirm = () => {
    if (ending === "others") run(endOtherOwnSessionsAction, (ended) => `Signed out ${plural(ended)}.`);
    else if (ending) run(() => endOwnSessionAction(ending.id), () => `Ended the session of ${ending.browser} on ${ending.os}.`);
  };
  const title = ending === "others" ? `Sign out ${plural(others)}?` : "End this session?";
  return (
    <ConfirmDialog open={ending !== null} onClose={close} title={title} confirmLabel={ending === "others" ? "Sign out everywhere else" : "End session"} onConfirm={confirm} pending={pending}>
      <div className="space-y-3">
        <p>
          {ending === "others"
            ? `Every other browser signed in as you (${plural(others)}) is signed out now. This browser stays signed in.`
            : ending
              ? `${ending.browser} on ${ending.os} from ${ending.ip} is signed out now and must sign in again.`
              : null}
        </p>
        <FormMessage message={error} />
      </div>
    </ConfirmDialog>
  );
}
