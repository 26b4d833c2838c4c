import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";
import { db } from "@/lib/db";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { can, isRole, type Permission, type Role } from "@/lib/permissions";

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

const actorFromSession = cache(async (): Promise<Actor | null> => {
  const { auth } = await import("@/lib/auth");
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const admin = await db.admin.findUnique({ where: { id } });
  const sessionVersion = (session as { sessionVersion?: number }).sessionVersion;
  // Disabled, deleted, or password/role changed since sign-in: the session is over.
  if (!admin || admin.disabled || admin.sessionVersion !== sessionVersion || !isRole(admin.role)) return null;
  return { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
});

/** The current operator, or null when signed out. */
export async function currentActor(): Promise<Actor | null> {
  return explicitActor.getStore() ?? (await actorFromSession());
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
