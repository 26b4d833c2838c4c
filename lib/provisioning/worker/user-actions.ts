import "server-only";
import type { ScimClient } from "@/lib/scim/client";
import { ScimError } from "@/lib/scim/errors";
import { buildUserPatch } from "@/lib/scim/patch";
import type { ScimUser } from "@/lib/scim/types";
import { changedAttributes, type AttributeChange } from "../hash";
import type { AccountState, AppSettings } from "../types";

/** What one SCIM operation did, for the account row, the job and the event. */
export type ActionOutcome = {
  /** The event's action: the operation, or "link" when an existing account was found. */
  action: string;
  outcome: "success" | "skipped";
  /** The account state afterwards; null leaves the account row alone. */
  state: AccountState | null;
  remoteId?: string | null;
  /** The resource now in the app (lastPushed); undefined keeps the stored one. */
  pushed?: ScimUser;
  message: string;
  changes?: AttributeChange[];
};

/** Everything an action needs. `supportsPatch` is what Verify Credentials discovered, when known. */
export type ActionContext = { client: ScimClient; app: AppSettings; supportsPatch: boolean | undefined; label: string };

// Only what the console maps is compared: attributes the app adds itself (meta, name.formatted...) are left alone.
function projectOnto(found: Record<string, unknown>, desired: Record<string, unknown>): ScimUser {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(desired)) {
    const have = found[key];
    const want = desired[key];
    const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
    out[key] = isObject(have) && isObject(want) ? projectOnto(have as Record<string, unknown>, want as Record<string, unknown>) : have;
  }
  return out as ScimUser;
}

/** Sends the difference as a PATCH, or the whole resource as PUT when the app has no PATCH; returns the changes sent. */
export async function sendChanges(ctx: ActionContext, remoteId: string, previous: ScimUser, desired: ScimUser): Promise<AttributeChange[]> {
  const patch = buildUserPatch(previous, desired);
  if (!patch) return [];
  const changes = changedAttributes(previous, desired);
  if (ctx.supportsPatch !== false) {
    try {
      await ctx.client.patchUser(remoteId, patch);
      return changes;
    } catch (error) {
      if (!(error instanceof ScimError) || error.reason !== "not-implemented") throw error;
    }
  }
  await ctx.client.replaceUser(remoteId, { ...desired, id: remoteId });
  return changes;
}

function primaryEmail(resource: ScimUser): string | null {
  const emails = (resource as { emails?: { value?: string; primary?: boolean }[] }).emails ?? [];
  return (emails.find((e) => e.primary) ?? emails[0])?.value ?? null;
}

/** Looks the account up in the app: by userName, and for Slack also by email (which stays taken by deactivated accounts). */
export async function findExisting(ctx: ActionContext, desired: ScimUser): Promise<ScimUser | null> {
  const byName = await ctx.client.findUserByUserName(desired.userName);
  if (byName) return byName;
  const email = ctx.app.kind === "slack" ? primaryEmail(desired) : null;
  return email ? ctx.client.findUserByEmail(email) : null;
}

async function link(ctx: ActionContext, found: ScimUser, desired: ScimUser): Promise<ActionOutcome> {
  const remoteId = found.id as string;
  const wasInactive = found.active === false;
  if (wasInactive) await ctx.client.reactivateUser(remoteId);
  const current = projectOnto({ ...found, ...(wasInactive ? { active: true } : {}) }, desired as unknown as Record<string, unknown>);
  const changes = await sendChanges(ctx, remoteId, current, desired);
  const parts = [`Found an existing account for ${ctx.label} in ${ctx.app.name} and linked it instead of creating a duplicate`];
  if (wasInactive) parts.push("it was deactivated and is active again");
  if (changes.length > 0) parts.push(`updated ${changes.length} attribute${changes.length === 1 ? "" : "s"} to match the console`);
  return { action: "link", outcome: "success", state: "active", remoteId, pushed: desired, message: `${parts.join("; ")}.`, changes };
}

/** Create: look up first and link when found; POST otherwise; on 409 look up again and link, never POST twice. */
export async function createUser(ctx: ActionContext, desired: ScimUser): Promise<ActionOutcome> {
  const found = await findExisting(ctx, desired);
  if (found?.id) return link(ctx, found, desired);
  try {
    const created = await ctx.client.createUser(desired);
    return {
      action: "create",
      outcome: "success",
      state: "active",
      remoteId: created.id,
      pushed: desired,
      message: `Created the account for ${ctx.label} in ${ctx.app.name}.`,
      changes: changedAttributes({}, desired),
    };
  } catch (error) {
    if (!(error instanceof ScimError) || !error.isUniquenessConflict) throw error;
    const existing = await findExisting(ctx, desired);
    if (!existing?.id) throw error; // the conflict is with a record we cannot find: report it, do not retry the POST
    return link(ctx, existing, desired);
  }
}

/** Update: PATCH only what changed since the last push (or PUT when the app has no PATCH). */
export async function updateUser(ctx: ActionContext, remoteId: string, lastPushed: ScimUser | null, desired: ScimUser): Promise<ActionOutcome> {
  // Without a record of the last push, compare with what the app holds now.
  const previous = lastPushed ?? projectOnto(await ctx.client.getUser(remoteId), desired as unknown as Record<string, unknown>);
  const changes = await sendChanges(ctx, remoteId, previous, desired);
  if (changes.length === 0) {
    return { action: "update", outcome: "skipped", state: "active", remoteId, pushed: desired, message: `Nothing to send: ${ctx.app.name} already has these values for ${ctx.label}.` };
  }
  const names = changes.map((c) => c.path).join(", ");
  return { action: "update", outcome: "success", state: "active", remoteId, pushed: desired, message: `Updated ${ctx.label} in ${ctx.app.name}: ${names}.`, changes };
}

/** Reactivate (active=true), then send whatever changed while the account was deactivated. */
export async function reactivateUser(ctx: ActionContext, remoteId: string, lastPushed: ScimUser | null, desired: ScimUser): Promise<ActionOutcome> {
  await ctx.client.reactivateUser(remoteId);
  const previous = lastPushed ? { ...lastPushed, active: true } : projectOnto(await ctx.client.getUser(remoteId), desired as unknown as Record<string, unknown>);
  const changes = await sendChanges(ctx, remoteId, previous as ScimUser, desired);
  const extra = changes.length > 0 ? ` and updated ${changes.map((c) => c.path).join(", ")}` : "";
  return { action: "reactivate", outcome: "success", state: "active", remoteId, pushed: desired, message: `Reactivated ${ctx.label} in ${ctx.app.name}${extra}.`, changes };
}

/** Deactivate (active=false); an account already gone from the app counts as done. */
export async function deactivateUser(ctx: ActionContext, remoteId: string): Promise<ActionOutcome> {
  try {
    await ctx.client.deactivateUser(remoteId);
  } catch (error) {
    if (!(error instanceof ScimError) || error.reason !== "not-found") throw error;
    return { action: "deactivate", outcome: "success", state: "gone", remoteId, message: `${ctx.label} no longer has an account in ${ctx.app.name}; nothing to deactivate.` };
  }
  return {
    action: "deactivate",
    outcome: "success",
    state: "deactivated",
    remoteId,
    message: `Deactivated ${ctx.label} in ${ctx.app.name}.`,
    changes: [{ path: "active", from: true, to: false }],
  };
}

/** DELETE; 404 means already gone. Slack's DELETE only deactivates, so the link stays as deactivated. */
export async function deleteUser(ctx: ActionContext, remoteId: string): Promise<ActionOutcome> {
  const { alreadyGone } = await ctx.client.deleteUser(remoteId);
  if (alreadyGone) return { action: "delete", outcome: "success", state: "deleted", remoteId, message: `${ctx.label} was already gone from ${ctx.app.name}.` };
  if (ctx.app.kind === "slack") {
    return { action: "delete", outcome: "success", state: "deactivated", remoteId, message: `Removed ${ctx.label} from ${ctx.app.name}; Slack keeps the account deactivated.` };
  }
  return { action: "delete", outcome: "success", state: "deleted", remoteId, message: `Deleted the account of ${ctx.label} in ${ctx.app.name}.` };
}
