// The stand-in's in-memory data and the rules a real app enforces beyond the schema: unique userNames,
// members that exist, and in Slack mode Slack's own rules (see ../shared/reference/slack.md section 1).
import { randomUUID } from "node:crypto";
import SCIMMY from "scimmy";

/** A stored resource: the JSON SCIMMY validated, plus id and meta. */
export type StoredResource = Record<string, unknown> & { id: string };

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** Users and groups of one stand-in. */
export class StandInStore {
  readonly users = new Map<string, StoredResource>();
  readonly groups = new Map<string, StoredResource>();
  // Uniqueness is checked on every write; scanning every user made each create cost O(users), which
  // at 10,000 accounts made the stand-in, not the console, the slow side of a benchmark.
  readonly #idByUserName = new Map<string, string>();
  readonly #idsByEmail = new Map<string, Set<string>>();

  constructor(private readonly slack: boolean) {}

  /** The user map, for SCIMMY's egress. */
  userRecords(): Map<string, StoredResource> {
    return this.users;
  }

  /** The group map, for SCIMMY's egress. */
  groupRecords(): Map<string, StoredResource> {
    return this.groups;
  }

  /** POST /Users after SCIMMY validated the body. */
  createUser(data: Record<string, unknown>): StoredResource {
    const user = this.normaliseUser(data);
    this.checkUserUniqueness(user, undefined);
    const now = new Date().toISOString();
    const id = this.slack ? `W${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}` : randomUUID();
    const stored: StoredResource = { id, ...user, meta: meta("User", now, now, this.slack) };
    if (stored.active === undefined) stored.active = true;
    this.#putUser(stored);
    return structuredClone(stored);
  }

  /** PUT, and the write step of PATCH: the whole resource is replaced. */
  replaceUser(id: string, data: Record<string, unknown>): StoredResource {
    const existing = this.users.get(id);
    if (!existing) throw notFound(this.slack ? "no_such_user" : `User ${id} not found`);
    const user = this.normaliseUser(data);
    this.checkUserUniqueness(user, id);
    const created = (existing.meta as { created: string }).created;
    const stored: StoredResource = { id, ...user, meta: meta("User", created, new Date().toISOString(), this.slack) };
    this.#putUser(stored);
    return structuredClone(stored);
  }

  /** DELETE /Users/{id}: gone for an RFC app; Slack only deactivates, and answers 204 again and again. */
  deleteUser(id: string): void {
    const existing = this.users.get(id);
    if (!existing) throw notFound(this.slack ? "no_such_user" : `User ${id} not found`);
    if (this.slack) {
      existing.active = false;
      return;
    }
    this.#dropUser(id);
    for (const group of this.groups.values()) {
      group.members = members(group).filter((m) => m.value !== id);
    }
  }

  /** POST /Groups. */
  createGroup(data: Record<string, unknown>): StoredResource {
    this.checkMembers(data);
    const now = new Date().toISOString();
    const id = this.slack ? `S${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}` : randomUUID();
    const stored: StoredResource = { id, ...data, meta: meta("Group", now, now, this.slack) };
    this.groups.set(id, stored);
    return structuredClone(stored);
  }

  /** PUT /Groups/{id}, and the write step of PATCH. */
  replaceGroup(id: string, data: Record<string, unknown>): StoredResource {
    const existing = this.groups.get(id);
    if (!existing) throw notFound(this.slack ? "no_such_group" : `Group ${id} not found`);
    this.checkMembers(data);
    const created = (existing.meta as { created: string }).created;
    const stored: StoredResource = { id, ...data, meta: meta("Group", created, new Date().toISOString(), this.slack) };
    this.groups.set(id, stored);
    return structuredClone(stored);
  }

  /** DELETE /Groups/{id}: permanent everywhere, members untouched. */
  deleteGroup(id: string): void {
    if (!this.groups.delete(id)) throw notFound(this.slack ? "no_such_group" : `Group ${id} not found`);
  }

  private normaliseUser(data: Record<string, unknown>): Record<string, unknown> {
    const user = { ...data };
    delete user.groups;
    if (!this.slack) return user;
    // Slack lowercases userName, turns characters other than . _ - into _, and refuses more than 21.
    const userName = String(user.userName).toLowerCase().replace(/[^a-z0-9._-]/g, "_");
    if (userName.length > 21) throw new SCIMMY.Types.Error(400, "invalidValue", "username_too_long");
    user.userName = userName;
    // Slack ignores externalId and returns it empty.
    user.externalId = "";
    const emails = Array.isArray(user.emails) ? (user.emails as Record<string, unknown>[]) : [];
    if (emails.length === 0) throw new SCIMMY.Types.Error(400, "invalidValue", "missing_primary_email");
    const enterprise = user[ENTERPRISE] as { manager?: { value?: string } } | undefined;
    if (enterprise?.manager?.value !== undefined) {
      throw new SCIMMY.Types.Error(400, "invalidValue", "improper_enterprise_schema_format");
    }
    return user;
  }

  private checkUserUniqueness(user: Record<string, unknown>, selfId: string | undefined): void {
    const holder = this.#idByUserName.get(String(user.userName).toLowerCase());
    if (holder !== undefined && holder !== selfId) {
      throw new SCIMMY.Types.Error(409, "uniqueness", this.slack ? "username_taken" : `userName ${user.userName} is already taken`);
    }
    // Slack refuses the email of any existing user, deactivated ones included.
    if (this.slack && emailValues(user).some((e) => [...(this.#idsByEmail.get(e) ?? [])].some((id) => id !== selfId))) {
      throw new SCIMMY.Types.Error(409, "uniqueness", "email_taken");
    }
  }

  // Stores a user and keeps the userName and email indexes in step with it.
  #putUser(stored: StoredResource): void {
    this.#dropUser(stored.id);
    this.users.set(stored.id, stored);
    this.#idByUserName.set(String(stored.userName).toLowerCase(), stored.id);
    for (const email of emailValues(stored)) this.#idsByEmail.set(email, new Set([...(this.#idsByEmail.get(email) ?? []), stored.id]));
  }

  #dropUser(id: string): void {
    const old = this.users.get(id);
    if (!old) return;
    this.users.delete(id);
    const key = String(old.userName).toLowerCase();
    if (this.#idByUserName.get(key) === id) this.#idByUserName.delete(key);
    for (const email of emailValues(old)) this.#idsByEmail.get(email)?.delete(id);
  }

  private checkMembers(data: Record<string, unknown>): void {
    for (const member of members(data)) {
      const user = this.users.get(member.value);
      if (!user && !this.groups.has(member.value)) {
        throw new SCIMMY.Types.Error(400, "invalidValue", this.slack ? "no_such_user" : `Member ${member.value} does not exist`);
      }
      if (this.slack && user && user.active === false) {
        throw new SCIMMY.Types.Error(400, "invalidValue", "unable_to_add_deleted_or_guest_to_group");
      }
    }
  }
}

function meta(resourceType: string, created: string, lastModified: string, slack: boolean): Record<string, string> {
  // Slack's meta has only created (and location): no version, no ETag.
  return slack ? { resourceType, created } : { resourceType, created, lastModified };
}

function members(resource: Record<string, unknown>): { value: string }[] {
  return Array.isArray(resource.members) ? (resource.members as { value: string }[]) : [];
}

function emailValues(user: Record<string, unknown>): string[] {
  const emails = Array.isArray(user.emails) ? (user.emails as { value?: unknown }[]) : [];
  return emails.map((e) => String(e.value ?? "").toLowerCase()).filter((v) => v !== "");
}

function notFound(detail: string): InstanceType<typeof SCIMMY.Types.Error> {
  return new SCIMMY.Types.Error(404, "", detail);
}
