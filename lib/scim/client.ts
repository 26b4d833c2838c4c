// The SCIM 2.0 client the provisioning worker calls. It follows what Okta and Entra do with real apps:
// look up before create, PATCH only changes, deactivate rather than delete, PUT when PATCH is missing,
// and treat "not found" answers on queries and deletes as the outcomes they mean.
import { ScimError } from "./errors";
import { eqFilter } from "./filter";
import { ScimTransport, type ScimTransportOptions } from "./http";
import { activePatch, groupMemberPatches, renameGroupPatch } from "./patch";
import {
  GROUP_SCHEMA,
  type ListPage,
  type ListResponse,
  type PatchOp,
  type ScimGroup,
  type ScimGroupMember,
  type ScimResourceType,
  type ScimUser,
  type ServiceProviderConfig,
} from "./types";

/** Connection settings; `supportsPatch: false` (from the app's capabilities) makes writes use PUT. */
export interface ScimClientOptions extends ScimTransportOptions {
  supportsPatch?: boolean;
}

// Matches on a unique attribute should be one; a few more lets us see servers that ignore the filter.
const LOOKUP_COUNT = 10;

/** A SCIM 2.0 client for one app. */
export class ScimClient {
  readonly #http: ScimTransport;
  #supportsPatch: boolean | undefined;

  constructor(options: ScimClientOptions) {
    this.#http = new ScimTransport(options);
    this.#supportsPatch = options.supportsPatch;
  }

  /** The app's host, for messages. */
  get host(): string {
    return this.#http.host;
  }

  /** GET /ServiceProviderConfig, falling back to /ServiceProviderConfigs (Slack v1's spelling). */
  async getServiceProviderConfig(): Promise<ServiceProviderConfig> {
    try {
      return await this.getObject<ServiceProviderConfig>("/ServiceProviderConfig");
    } catch (error) {
      if (!(error instanceof ScimError) || error.reason !== "not-found") throw error;
      try {
        return await this.getObject<ServiceProviderConfig>("/ServiceProviderConfigs");
      } catch {
        throw error;
      }
    }
  }

  /** GET /ResourceTypes; null when the app has no such endpoint. */
  async getResourceTypes(): Promise<ScimResourceType[] | null> {
    const reply = await this.#http.request<ListResponse<ScimResourceType> | ScimResourceType[]>("GET", "/ResourceTypes", {
      accept: [404],
    });
    if (reply.status === 404) return null;
    const body = reply.body;
    // Some servers answer with a bare array instead of a ListResponse.
    return Array.isArray(body) ? body : (body?.Resources ?? []);
  }

  /** Whether GET /Groups answers, for apps without /ResourceTypes. */
  async answersGroups(): Promise<boolean> {
    try {
      await this.#http.request("GET", "/Groups", { query: { startIndex: 1, count: 1 } });
      return true;
    } catch (error) {
      if (error instanceof ScimError && ["not-found", "not-implemented", "forbidden"].includes(error.reason)) return false;
      throw error;
    }
  }

  /** One page of users (startIndex is 1-based). */
  async listUsers(startIndex = 1, count = 100, filter?: string): Promise<ListPage<ScimUser>> {
    return this.list<ScimUser>("/Users", startIndex, count, filter);
  }

  /** Every user, page by page, until a page comes back empty or totalResults is passed. */
  async *allUsers(pageSize = 100): AsyncGenerator<ScimUser> {
    for (let start = 1; ; ) {
      const page = await this.listUsers(start, pageSize);
      if (page.resources.length === 0) return;
      yield* page.resources;
      start += page.resources.length;
      if (start > page.totalResults) return;
    }
  }

  /** The user with this userName (compared case-insensitively, as userName is caseExact false), or null. */
  async findUserByUserName(userName: string): Promise<ScimUser | null> {
    const wanted = userName.toLowerCase();
    const found = await this.query<ScimUser>("/Users", eqFilter("userName", userName));
    return found.find((u) => u.userName === userName) ?? found.find((u) => u.userName?.toLowerCase() === wanted) ?? null;
  }

  /** The user with this email among any of its emails, deactivated users included, or null. */
  async findUserByEmail(email: string): Promise<ScimUser | null> {
    const wanted = email.toLowerCase();
    const found = await this.query<ScimUser>("/Users", eqFilter("emails.value", email));
    return found.find((u) => (u.emails ?? []).some((e) => e.value?.toLowerCase() === wanted)) ?? null;
  }

  /** GET /Users/{id}. */
  async getUser(id: string): Promise<ScimUser> {
    return this.getObject<ScimUser>(`/Users/${encodeURIComponent(id)}`);
  }

  /** POST /Users; returns the created user with its server id. */
  async createUser(resource: ScimUser): Promise<ScimUser & { id: string }> {
    return this.create("/Users", resource);
  }

  /** PATCH /Users/{id}; the reply body when the app sends one (200), null for 204. */
  async patchUser(id: string, patch: PatchOp): Promise<ScimUser | null> {
    const reply = await this.#http.request<ScimUser>("PATCH", `/Users/${encodeURIComponent(id)}`, { body: patch });
    return reply.body ?? null;
  }

  /** PUT /Users/{id} with the full resource (omitted attributes are cleared by the app). */
  async replaceUser(id: string, resource: ScimUser): Promise<ScimUser | null> {
    const reply = await this.#http.request<ScimUser>("PUT", `/Users/${encodeURIComponent(id)}`, { body: resource });
    return reply.body ?? null;
  }

  /** Sets active=false: PATCH, or GET + PUT when the app has no PATCH. */
  async deactivateUser(id: string): Promise<void> {
    await this.setActive(id, false);
  }

  /** Sets active=true: PATCH, or GET + PUT when the app has no PATCH. */
  async reactivateUser(id: string): Promise<void> {
    await this.setActive(id, true);
  }

  /** DELETE /Users/{id}; a 404 means it is already gone, which is the wanted outcome. */
  async deleteUser(id: string): Promise<{ alreadyGone: boolean }> {
    return this.delete(`/Users/${encodeURIComponent(id)}`);
  }

  /** POST /Groups. */
  async createGroup(displayName: string, memberIds: string[] = [], externalId?: string): Promise<ScimGroup & { id: string }> {
    const members = memberIds.map((value) => ({ value }));
    return this.create("/Groups", { schemas: [GROUP_SCHEMA], displayName, ...(externalId ? { externalId } : {}), members });
  }

  /** The group with this displayName, or null; members are left out because big groups make huge replies. */
  async findGroupByDisplayName(displayName: string): Promise<ScimGroup | null> {
    const wanted = displayName.toLowerCase();
    const found = await this.query<ScimGroup>("/Groups", eqFilter("displayName", displayName), "members");
    return found.find((g) => g.displayName === displayName) ?? found.find((g) => g.displayName?.toLowerCase() === wanted) ?? null;
  }

  /** GET /Groups/{id}. */
  async getGroup(id: string): Promise<ScimGroup> {
    return this.getObject<ScimGroup>(`/Groups/${encodeURIComponent(id)}`);
  }

  /** Adds and removes members in chunks; without PATCH, reads the group and PUTs the new member list. */
  async patchGroupMembers(id: string, add: string[], remove: string[], chunkSize?: number): Promise<void> {
    const path = `/Groups/${encodeURIComponent(id)}`;
    await this.patchOrPut(
      async () => {
        for (const patch of groupMemberPatches(add, remove, chunkSize)) await this.#http.request("PATCH", path, { body: patch });
      },
      async () => {
        const group = await this.getGroup(id);
        const gone = new Set(remove);
        const kept = (group.members ?? []).filter((m) => !gone.has(m.value));
        const known = new Set(kept.map((m) => m.value));
        const members: ScimGroupMember[] = [...kept, ...add.filter((v) => !known.has(v)).map((value) => ({ value }))];
        await this.#http.request("PUT", path, { body: { ...withoutServerFields(group), members } });
      },
    );
  }

  /** Renames a group (PATCH, or GET + PUT). */
  async renameGroup(id: string, displayName: string): Promise<void> {
    const path = `/Groups/${encodeURIComponent(id)}`;
    await this.patchOrPut(
      () => this.#http.request("PATCH", path, { body: renameGroupPatch(displayName) }),
      async () => {
        const group = await this.getGroup(id);
        await this.#http.request("PUT", path, { body: { ...withoutServerFields(group), displayName } });
      },
    );
  }

  /** DELETE /Groups/{id}; 404 means already gone. */
  async deleteGroup(id: string): Promise<{ alreadyGone: boolean }> {
    return this.delete(`/Groups/${encodeURIComponent(id)}`);
  }

  private async setActive(id: string, active: boolean): Promise<void> {
    const path = `/Users/${encodeURIComponent(id)}`;
    await this.patchOrPut(
      () => this.#http.request("PATCH", path, { body: activePatch(active) }),
      async () => {
        const user = await this.getUser(id);
        await this.#http.request("PUT", path, { body: { ...withoutServerFields(user), active } });
      },
    );
  }

  // PATCH is optional in SCIM (and missing from apps built on Okta's wizard): on 501/405 remember that and PUT.
  private async patchOrPut(patch: () => Promise<unknown>, put: () => Promise<unknown>): Promise<void> {
    if (this.#supportsPatch !== false) {
      try {
        await patch();
        return;
      } catch (error) {
        if (!(error instanceof ScimError) || error.reason !== "not-implemented") throw error;
        this.#supportsPatch = false;
      }
    }
    await put();
  }

  private async list<T>(path: string, startIndex: number, count: number, filter?: string): Promise<ListPage<T>> {
    const reply = await this.#http.request<ListResponse<T>>("GET", path, { query: { filter, startIndex, count } });
    return toListPage(reply.body, startIndex);
  }

  // A 404 on a query means "no match" for several servers (Okta accepts both), so it is not an error here.
  private async query<T>(path: string, filter: string, excludedAttributes?: string): Promise<T[]> {
    const reply = await this.#http.request<ListResponse<T>>("GET", path, {
      query: { filter, startIndex: 1, count: LOOKUP_COUNT, excludedAttributes },
      accept: [404],
    });
    return reply.status === 404 ? [] : toListPage(reply.body, 1).resources;
  }

  private async getObject<T>(path: string): Promise<T> {
    const reply = await this.#http.request<T>("GET", path);
    if (!isRecord(reply.body)) throw new ScimError({ reason: "invalid-response", operation: `GET ${path}`, detail: "it was empty" });
    return reply.body;
  }

  private async create<T extends ScimUser | ScimGroup>(path: string, resource: T): Promise<T & { id: string }> {
    const reply = await this.#http.request<T>("POST", path, { body: resource });
    const body = reply.body;
    if (isRecord(body) && typeof body.id === "string" && body.id !== "") return body as T & { id: string };
    // Some apps answer 201 with only a Location header; the id is its last segment.
    const location = reply.headers.get("location");
    const id = location ? decodeURIComponent(location.replace(/\/+$/, "").split("/").pop() ?? "") : "";
    if (id) return { ...resource, ...(isRecord(body) ? body : {}), id };
    throw new ScimError({ reason: "invalid-response", operation: `POST ${path}`, detail: "it did not include the new id" });
  }

  private async delete(path: string): Promise<{ alreadyGone: boolean }> {
    const reply = await this.#http.request("DELETE", path, { accept: [404] });
    return { alreadyGone: reply.status === 404 };
  }
}

/** Reads a ListResponse whose numbers may arrive as strings; a missing Resources means an empty page. */
export function toListPage<T>(body: ListResponse<T> | undefined, requestedStart: number): ListPage<T> {
  const resources = Array.isArray(body?.Resources) ? body.Resources : [];
  return {
    totalResults: toInt(body?.totalResults) ?? resources.length,
    itemsPerPage: toInt(body?.itemsPerPage) ?? resources.length,
    startIndex: toInt(body?.startIndex) ?? requestedStart,
    resources,
  };
}

function toInt(value: number | string | undefined): number | undefined {
  const n = typeof value === "string" ? Number.parseInt(value, 10) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
}

// PUT bodies carry what the client may write; meta and groups are the server's and some apps refuse them.
function withoutServerFields<T extends Record<string, unknown>>(resource: T): Omit<T, "meta" | "groups"> {
  const copy: Record<string, unknown> = { ...resource };
  delete copy.meta;
  delete copy.groups;
  return copy as Omit<T, "meta" | "groups">;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
