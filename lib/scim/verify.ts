// "Verify Credentials": the three calls that prove a SCIM connection works, with answers an admin can act on.
import { capabilityReport, deriveCapabilities, type ScimCapabilities } from "./capabilities";
import type { ScimClient } from "./client";
import { describeScimError, ScimError } from "./errors";
import type { ScimResourceType } from "./types";

/** The step of the check that failed. */
export type VerifyStep = "serviceProviderConfig" | "resourceTypes" | "users";

/** The outcome of a connection check. */
export type VerifyResult =
  | { ok: true; capabilities: ScimCapabilities; report: string[] }
  | { ok: false; step: VerifyStep; message: string; error: ScimError | undefined };

/** Calls /ServiceProviderConfig, /ResourceTypes (when present) and /Users?count=1, and explains any failure. */
export async function verifyConnection(client: ScimClient): Promise<VerifyResult> {
  let step: VerifyStep = "serviceProviderConfig";
  try {
    const config = await client.getServiceProviderConfig();
    step = "resourceTypes";
    const resourceTypes = await readResourceTypes(client);
    step = "users";
    const users = await client.listUsers(1, 1);
    const groupsAnswered = resourceTypes === null ? await client.answersGroups().catch(() => false) : false;
    const capabilities = deriveCapabilities(config, resourceTypes, groupsAnswered);
    const report = [
      `Connected to ${client.host}: the app accepted the credentials.`,
      `Users: the app reports ${users.totalResults} account${users.totalResults === 1 ? "" : "s"}.`,
      ...capabilityReport(capabilities),
    ];
    if (resourceTypes === null) report.push("ResourceTypes: not offered; groups were detected by asking /Groups.");
    return { ok: true, capabilities, report };
  } catch (error) {
    const scimError = error instanceof ScimError ? error : undefined;
    return { ok: false, step, message: explain(error, step), error: scimError };
  }
}

// ResourceTypes is optional: an app that answers it with an HTTP error simply does not offer it. Credential,
// network and timeout failures still stop the check, since /Users would fail the same way.
const STOPS_CHECK = new Set(["unauthorized", "forbidden", "network", "tls", "timeout"]);

async function readResourceTypes(client: ScimClient): Promise<ScimResourceType[] | null> {
  try {
    return await client.getResourceTypes();
  } catch (error) {
    if (!(error instanceof ScimError) || STOPS_CHECK.has(error.reason)) throw error;
    return null;
  }
}

const STEP_PATH: Record<VerifyStep, string> = {
  serviceProviderConfig: "/ServiceProviderConfig",
  resourceTypes: "/ResourceTypes",
  users: "/Users",
};

function explain(error: unknown, step: VerifyStep): string {
  if (!(error instanceof ScimError)) return describeScimError(error);
  const path = STEP_PATH[step];
  switch (error.reason) {
    case "unauthorized":
      return `The app rejected the credentials (HTTP ${error.httpStatus ?? 401}). Check the token, then Verify Credentials again.`;
    case "forbidden":
      return `The app refused these credentials access to ${path} (HTTP ${error.httpStatus ?? 403}). Use a token of an app admin that may manage users, then Verify Credentials again.`;
    case "not-found":
      return `The app answered 404 at ${path}: the SCIM base URL is probably wrong; it usually ends in /scim/v2.`;
    case "invalid-response":
      return `The app answered at ${path}, but not with SCIM JSON: the SCIM base URL probably points at a website, not its SCIM API (which usually ends in /scim/v2).`;
    default:
      return describeScimError(error);
  }
}
