// What an app says it supports, reduced to the switches the worker uses (PATCH or PUT, If-Match, filters, groups).
import type { ScimResourceType, ScimSupported, ServiceProviderConfig } from "./types";

/** Features of one app, derived from its ServiceProviderConfig and ResourceTypes. */
export interface ScimCapabilities {
  patch: boolean;
  filter: boolean;
  bulk: boolean;
  bulkMaxOperations: number | null;
  etag: boolean;
  sort: boolean;
  changePassword: boolean;
  groups: boolean;
  /** The most resources one query returns, when the app says. */
  maxResults: number | null;
  authenticationSchemes: string[];
}

/**
 * Derives capabilities. `groupsAnswered` is whether GET /Groups succeeded, used when the app has no
 * /ResourceTypes to ask (Slack v1, many small apps).
 */
export function deriveCapabilities(
  config: ServiceProviderConfig,
  resourceTypes: ScimResourceType[] | null,
  groupsAnswered = false,
): ScimCapabilities {
  const groups = resourceTypes
    ? resourceTypes.some((t) => t.name === "Group" || /^\/?Groups$/i.test(t.endpoint ?? ""))
    : groupsAnswered;
  return {
    patch: supported(config.patch),
    filter: supported(config.filter),
    bulk: supported(config.bulk),
    bulkMaxOperations: toInt(config.bulk?.maxOperations),
    etag: supported(config.etag),
    sort: supported(config.sort),
    changePassword: supported(config.changePassword),
    groups,
    maxResults: toInt(config.filter?.maxResults),
    authenticationSchemes: (config.authenticationSchemes ?? [])
      .map((s) => s.name ?? s.type ?? "")
      .filter((name) => name !== ""),
  };
}

/** One readable line per capability, for the Verify Credentials screen. */
export function capabilityReport(caps: ScimCapabilities): string[] {
  const yes = (flag: boolean, on: string, off: string) => (flag ? on : off);
  return [
    yes(caps.patch, "PATCH: supported; changes are sent as small updates.", "PATCH: not supported; changes are sent as full replacements (PUT)."),
    yes(
      caps.filter,
      `Filtering: supported${caps.maxResults !== null ? ` (up to ${caps.maxResults} results per query)` : ""}; existing accounts are found by userName.`,
      "Filtering: not supported; look-ups before create may find nothing, so an existing account shows up as a conflict instead.",
    ),
    yes(caps.groups, "Groups: supported; groups can be pushed.", "Groups: not offered; only users will be provisioned."),
    yes(caps.etag, "ETags: supported.", "ETags: not supported."),
    yes(caps.sort, "Sorting: supported.", "Sorting: not supported."),
    yes(
      caps.bulk,
      `Bulk: supported${caps.bulkMaxOperations !== null ? ` (up to ${caps.bulkMaxOperations} operations)` : ""}; the console sends single requests anyway.`,
      "Bulk: not supported.",
    ),
    yes(caps.changePassword, "Password changes: supported.", "Password changes: not supported."),
  ];
}

function supported(block: ScimSupported | undefined): boolean {
  const value = block?.supported;
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

function toInt(value: number | string | undefined): number | null {
  if (value === undefined) return null;
  const n = typeof value === "number" ? value : Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 0 ? n : null;
}
