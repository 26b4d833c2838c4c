import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { can, isRole, type Permission, type Role } from "@/lib/permissions";
import { BACKGROUND_HEADER } from "@/lib/sessions/background-refresh";
import type { LiveSession, SessionStage } from "@/lib/sessions/session-store";

/** The operator on whose behalf lib code runs. */
export type Actor = { id: string; email: string; name: string; role: Role };

const explicitActor = new AsyncLocalStorage<Actor>();

/**
 * Runs `fn` as `actor` without a browser session: the worker, scripts and tests use this.
 * The permission checks still apply to the actor's role.
 */
export function runAs<T>(actor: Actor, fn: () => Promise<T>): Promise<T> {
  return explicitActor.run(actor, fn);
}

/** The browser's session, whatever its stage, or null (no cookie, ended, expired, operator disabled). */
export const currentSession = cache(async (): Promise<LiveSession | null> => {
  const { readSessionToken } = await import("@/lib/sessions/session-cookie");
  const { readSession } = await import("@/lib/sessions/session-store");
  const { headers } = await import("next/headers");
  // An auto-refresh is read without counting as activity (proxy.ts marks it).
  const background = (await headers()).get(BACKGROUND_HEADER) === "1";
  return readSession(await readSessionToken(), { touch: !background });
});

function actorOf(session: LiveSession): Actor | null {
  const { admin } = session;
  if (!isRole(admin.role)) return null;
  return { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
}

/** The current operator, or null when signed out or still owing a second factor or enrolment. */
export async function currentActor(): Promise<Actor | null> {
  const explicit = explicitActor.getStore();
  if (explicit) return explicit;
  const session = await currentSession();
  return session?.stage === "active" ? actorOf(session) : null;
}

/** The current operator; throws UnauthenticatedError when signed out. */
export async function requireSession(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** The current operator if their role holds `permission`; throws Forbidden/Unauthenticated otherwise. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireSession();
  if (!can(actor.role, permission)) throw new ForbiddenError();
  return actor;
}

/**
 * The operator acting on their own sign-in factors or sessions, with their session. `stages` lists
 * the stages allowed besides "active" (enrolment pages allow "enrol"). Tests pass an actor with
 * runAs and get no session.
 */
export async function requireOwnSession(stages: SessionStage[] = ["active"]): Promise<{ actor: Actor; session: LiveSession | null }> {
  const explicit = explicitActor.getStore();
  if (explicit) return { actor: explicit, session: null };
  const session = await currentSession();
  const actor = session && stages.includes(session.stage) ? actorOf(session) : null;
  if (!session || !actor) throw new UnauthenticatedError();
  return { actor, session };
}
