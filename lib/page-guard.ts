import "server-only";
import { forbidden, redirect } from "next/navigation";
import { currentActor, type Actor } from "@/lib/authz";
import { can, type Permission } from "@/lib/permissions";

/** For pages: the operator if their role reads this page; redirects to /login or renders 403. */
export async function pageActor(permission: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  if (!can(actor.role, permission)) forbidden();
  return actor;
}
