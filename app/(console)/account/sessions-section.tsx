import { listOwnSessions } from "@/lib/sessions/manage-sessions";
import { SessionsTable } from "./sessions-table";

/** Your account > Sessions: every browser signed in as this operator, each of which can be ended. */
export async function SessionsSection() {
  const sessions = await listOwnSessions();
  return (
    <section aria-labelledby="sessions-heading" className="space-y-3">
      <div>
        <h2 id="sessions-heading" className="text-base font-semibold text-slate-900">
          Sessions
        </h2>
        <p className="text-sm text-slate-600">
          Where you are signed in. End a session you do not recognise, then ask an admin to reset your password.
        </p>
      </div>
      <SessionsTable sessions={sessions} />
    </section>
  );
}
