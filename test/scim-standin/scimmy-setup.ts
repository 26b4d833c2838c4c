// SCIMMY keeps its resource declarations in process-wide singletons, so they are made once here and every
// handler finds its stand-in's store through the `ctx` argument SCIMMY passes along.
import SCIMMY from "scimmy";
import { matchFilter } from "./filter";
import type { StandInStore, StoredResource } from "./store";

/** What each SCIMMY call carries to the handlers. */
export interface HandlerContext {
  store: StandInStore;
  /** Filter string literals set aside before SCIMMY parsed the filter (see filter.ts). */
  literals: Map<string, string>;
}

/** The path SCIMMY builds meta.location from; the server serves the API under it. */
export const BASE_PATH = "/scim/v2";

type UserData = Omit<SCIMMY.Schemas.User, SCIMMY.Types.Resource.ShadowAttributes>;
type GroupData = Omit<SCIMMY.Schemas.Group, SCIMMY.Types.Resource.ShadowAttributes>;

let declared = false;

/** Declares User (with the enterprise extension) and Group on the SCIMMY singletons, once per process. */
export function declareScimmyResources(): void {
  if (declared) return;
  declared = true;
  allowSlackManagerId();
  for (const resource of [SCIMMY.Resources.User, SCIMMY.Resources.Group, SCIMMY.Resources.ResourceType, SCIMMY.Resources.Schema]) {
    resource.basepath(BASE_PATH);
  }
  SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false))
    .ingress((resource, instance, ctx) => {
      const { store } = ctx as HandlerContext;
      const data = plain(instance);
      return asSchema<UserData>(resource.id ? store.replaceUser(resource.id, data) : store.createUser(data));
    })
    .egress((resource, ctx) => asSchema<UserData[]>(read((ctx as HandlerContext).store.userRecords(), resource, ctx as HandlerContext, "User")))
    .degress((resource, ctx) => (ctx as HandlerContext).store.deleteUser(String(resource.id)));
  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .ingress((resource, instance, ctx) => {
      const { store } = ctx as HandlerContext;
      const data = plain(instance);
      return asSchema<GroupData>(resource.id ? store.replaceGroup(resource.id, data) : store.createGroup(data));
    })
    .egress((resource, ctx) => asSchema<GroupData[]>(read((ctx as HandlerContext).store.groupRecords(), resource, ctx as HandlerContext, "Group")))
    .degress((resource, ctx) => (ctx as HandlerContext).store.deleteGroup(String(resource.id)));
}

function read(
  records: Map<string, StoredResource>,
  resource: { id?: string; filter?: SCIMMY.Types.Filter },
  ctx: HandlerContext,
  kind: string,
): StoredResource | StoredResource[] {
  if (resource.id) {
    const found = records.get(resource.id);
    if (!found) throw new SCIMMY.Types.Error(404, "", `${kind} ${resource.id} not found`);
    return structuredClone(found);
  }
  // Filtered first, copied after: copying every record for each filtered read made large stores slow.
  const all = [...records.values()];
  return (resource.filter ? matchFilter(resource.filter, all, ctx.literals) : all).map((r) => structuredClone(r));
}

// Slack's enterprise manager is `{ managerId }`, which SCIMMY's schema would silently drop. Adding the
// sub-attribute keeps RFC `manager.value` working and lets the Slack mode store what Slack stores.
function allowSlackManagerId(): void {
  const { Attribute } = SCIMMY.Types;
  SCIMMY.Schemas.EnterpriseUser.truncate("manager");
  SCIMMY.Schemas.EnterpriseUser.extend([
    new Attribute("complex", "manager", { uniqueness: false, description: "The User's manager." }, [
      new Attribute("string", "value"),
      new Attribute("reference", "$ref", { referenceTypes: ["User"] }),
      new Attribute("string", "displayName", { mutable: false }),
      new Attribute("string", "managerId", { description: "Slack: the manager's id, email or userName." }),
    ]),
  ]);
}

// The store holds plain JSON records; SCIMMY's handler types want its schema classes, which it builds from
// exactly such records (and validates on the way out).
function asSchema<T>(value: unknown): T {
  return value as T;
}

// SCIMMY instances carry getters and proxies; the store keeps plain JSON.
function plain(instance: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
}
