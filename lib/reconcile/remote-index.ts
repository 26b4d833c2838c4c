// The app's accounts as read by one reconciliation, indexed for matching.
import type { ScimUser } from "@/lib/scim/types";
import { emailsOf } from "./compare";

/** The app's users by id, by lower-cased userName and by lower-cased email. */
export class RemoteIndex {
  readonly byId = new Map<string, ScimUser>();
  private readonly byName = new Map<string, ScimUser[]>();
  private readonly byEmail = new Map<string, ScimUser[]>();
  /** Remote ids linked to a directory user (before or during this run). */
  readonly linked = new Set<string>();

  add(user: ScimUser): void {
    if (!user.id) return;
    const id = String(user.id);
    if (this.byId.has(id)) return; // a page boundary that shifted while reading
    this.byId.set(id, user);
    push(this.byName, String(user.userName ?? "").toLowerCase(), user);
    for (const email of new Set(emailsOf(user))) push(this.byEmail, email, user);
  }

  /** Unlinked accounts with this userName (case-insensitive). */
  unlinkedByName(userName: string): ScimUser[] {
    return (this.byName.get(userName.toLowerCase()) ?? []).filter((u) => !this.linked.has(String(u.id)));
  }

  /** Unlinked accounts holding any of these emails. */
  unlinkedByEmail(emails: readonly string[]): ScimUser[] {
    const found = new Map<string, ScimUser>();
    for (const email of new Set(emails.map((e) => e.toLowerCase()))) {
      for (const u of this.byEmail.get(email) ?? []) if (!this.linked.has(String(u.id))) found.set(String(u.id), u);
    }
    return [...found.values()];
  }

  /** Accounts nobody in the directory is linked to. */
  unlinked(): ScimUser[] {
    return [...this.byId.values()].filter((u) => !this.linked.has(String(u.id)));
  }
}

function push(map: Map<string, ScimUser[]>, key: string, user: ScimUser): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(user);
  else map.set(key, [user]);
}
