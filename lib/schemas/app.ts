import { z } from "zod";
import { APP_KINDS, DEPROVISION_MODES } from "@/lib/provisioning/types";
import { requiredLine } from "./common";

export const APP_NAME_MAX = 100;
export const APP_URL_MAX = 500;
export const APP_TOKEN_MAX = 4000;

export const APP_KIND_LABELS = { slack: "Slack", scim: "SCIM 2.0 app" } as const;
export const DEFAULT_SLACK_SCIM_URL = "https://api.slack.com/scim/v2";

export const APP_NAME_TAKEN = "An app with this name already exists.";
export const BASE_URL_INVALID = "Enter the app's SCIM base URL, like https://app.example.com/scim/v2.";
export const TOKEN_REQUIRED = "Enter the app's bearer token.";
export const KIND_INVALID = "Choose Slack or SCIM 2.0 app.";
export const MAPPING_NEEDS_USERNAME = "Map a console field to userName: every app needs one.";
export const MAPPING_DUPLICATE_TARGET = "Each SCIM attribute can be mapped only once.";
export const MAPPING_SOURCE_INVALID = "Choose a console field, or customAttributes.<key> for a custom attribute.";

/** The message for a mapping target that is not a SCIM attribute path. */
export function targetInvalidMessage(target: string): string {
  return `"${target}" is not a SCIM attribute path. Use a name like title, a sub-attribute like name.givenName, a value path like emails[type eq "work"].value, or an extension path like urn:example:2.0:User:costCenter.`;
}

/** An absolute http(s) URL; the trailing slash is dropped so paths join cleanly. */
export const baseUrlField = z
  .string({ error: BASE_URL_INVALID })
  .trim()
  .max(APP_URL_MAX, `SCIM base URL must be at most ${APP_URL_MAX} characters.`)
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && !url.username && !url.password;
    } catch {
      return false;
    }
  }, BASE_URL_INVALID)
  .transform((v) => v.replace(/\/+$/, ""));

// Tokens are pasted: surrounding whitespace is never part of them, inner whitespace is never valid.
const tokenField = z
  .string({ error: TOKEN_REQUIRED })
  .trim()
  .max(APP_TOKEN_MAX, `Bearer token must be at most ${APP_TOKEN_MAX} characters.`)
  .refine((v) => !/\s/.test(v), "Bearer token must not contain spaces or line breaks.");

/** Add app: kind, name, base URL and the bearer token. */
export const appCreateSchema = z.object({
  kind: z.enum(APP_KINDS, { error: KIND_INVALID }),
  name: requiredLine("Name", APP_NAME_MAX),
  baseUrl: baseUrlField,
  token: tokenField.refine((v) => v.length > 0, TOKEN_REQUIRED),
});
export type AppCreateInput = z.infer<typeof appCreateSchema>;
export type AppCreateRaw = z.input<typeof appCreateSchema>;

/** App settings: an empty token keeps the stored one. */
export const appSettingsSchema = z.object({
  name: requiredLine("Name", APP_NAME_MAX),
  baseUrl: baseUrlField,
  token: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), tokenField.optional()),
});
export type AppSettingsInput = z.infer<typeof appSettingsSchema>;
export type AppSettingsRaw = z.input<typeof appSettingsSchema>;

/** Replace token on its own. */
export const appTokenSchema = z.object({ token: tokenField.refine((v) => v.length > 0, TOKEN_REQUIRED) });

/** Provisioning features and the deprovision mode. */
export const appFeaturesSchema = z.object({
  features: z.object({
    createUsers: z.boolean(),
    updateUsers: z.boolean(),
    deactivateUsers: z.boolean(),
    deleteUsers: z.boolean(),
    pushGroups: z.boolean(),
  }),
  deprovisionMode: z.enum(DEPROVISION_MODES, { error: "Choose deactivate or delete." }),
});
export type AppFeaturesInput = z.infer<typeof appFeaturesSchema>;

/** Console fields a mapping rule can read (besides customAttributes.<key>). */
export const MAPPING_SOURCES = [
  "userName",
  "email",
  "firstName",
  "lastName",
  "displayName",
  "title",
  "department",
  "phone",
  "employeeNumber",
  "managerUserName",
  "managerRemoteId",
  "active",
  "id",
] as const;
export const MAPPING_TRANSFORMS = ["lowercase", "slackUserName"] as const;

const CUSTOM_SOURCE = /^customAttributes\.[A-Za-z0-9_.-]{1,64}$/;
const ATTR = "[A-Za-z][A-Za-z0-9_$-]*";
const TARGET_PATTERNS = [
  new RegExp(`^${ATTR}$`),
  new RegExp(`^${ATTR}\\.${ATTR}$`),
  new RegExp(`^${ATTR}\\[type eq "[A-Za-z0-9_ -]+"\\]\\.${ATTR}$`),
  // Extension URN paths: the schema URN ends in a capitalised resource name (…:2.0:User), then the attribute.
  new RegExp(`^urn:[A-Za-z0-9][A-Za-z0-9-]*(?::[A-Za-z0-9._-]+)*:[A-Z][A-Za-z0-9]*:${ATTR}(?:\\.${ATTR})?$`),
];

/** True when `target` is a SCIM attribute path the mapper can write. */
export function isScimTarget(target: string): boolean {
  return target.length <= 300 && TARGET_PATTERNS.some((p) => p.test(target));
}

const ruleSchema = z.object({
  source: z
    .string()
    .trim()
    .refine((v) => (MAPPING_SOURCES as readonly string[]).includes(v) || CUSTOM_SOURCE.test(v), MAPPING_SOURCE_INVALID),
  target: z
    .string()
    .trim()
    .min(1, "Enter a SCIM attribute.")
    .superRefine((v, ctx) => {
      if (v !== "" && !isScimTarget(v)) ctx.addIssue({ code: "custom", message: targetInvalidMessage(v) });
    }),
  transform: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(MAPPING_TRANSFORMS).optional()),
});

/** An attribute mapping: at most 100 rules, userName mapped, no target twice. */
export const appMappingSchema = z
  .array(ruleSchema)
  .max(100, "A mapping can have at most 100 rules.")
  .superRefine((rules, ctx) => {
    if (!rules.some((r) => r.target === "userName")) ctx.addIssue({ code: "custom", message: MAPPING_NEEDS_USERNAME, path: [] });
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      const key = rule.target.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", message: MAPPING_DUPLICATE_TARGET, path: [index, "target"] });
      seen.add(key);
    });
  });
export type AppMappingInput = z.infer<typeof appMappingSchema>;

/** The case-insensitive uniqueness key of an app name. */
export function appNameKey(name: string): string {
  return name.trim().toLowerCase();
}

export const APP_SORT_KEYS = ["name", "kind", "health", "createdAt"] as const;
export type AppSortKey = (typeof APP_SORT_KEYS)[number];

export const APP_ACCOUNT_SORT_KEYS = ["userName", "state", "lastSyncAt"] as const;
export type AppAccountSortKey = (typeof APP_ACCOUNT_SORT_KEYS)[number];

/** How an app authenticates its SCIM calls: a pasted bearer token, or a token from an OAuth authorize flow. */
export const CREDENTIAL_KINDS = ["bearer", "slack_oauth", "oauth2"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  bearer: "Bearer token",
  slack_oauth: "OAuth (Connect with Slack)",
  oauth2: "OAuth 2.0 (authorization code)",
};
export const OAUTH_CLIENT_AUTHS = ["basic", "post"] as const;
export const CLIENT_ID_REQUIRED = "Enter the client ID from the app's OAuth settings.";
export const CLIENT_SECRET_REQUIRED = "Enter the client secret from the app's OAuth settings.";
export const ENDPOINT_INVALID = "Enter the full https:// address of the endpoint (http:// only for localhost).";

const endpointField = z
  .string({ error: ENDPOINT_INVALID })
  .trim()
  .max(APP_URL_MAX, `The address must be at most ${APP_URL_MAX} characters.`)
  .refine((v) => {
    try {
      const url = new URL(v);
      // Tokens travel to this address: plain http is only acceptable on the loopback interface.
      const local = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
      return (url.protocol === "https:" || (url.protocol === "http:" && local)) && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, ENDPOINT_INVALID);

const clientIdField = z.string({ error: CLIENT_ID_REQUIRED }).trim().min(1, CLIENT_ID_REQUIRED).max(300, "Client ID must be at most 300 characters.");
// An empty secret keeps the stored one (like Replace token); whitespace is never part of a secret.
const clientSecretField = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string()
    .trim()
    .max(APP_TOKEN_MAX, `Client secret must be at most ${APP_TOKEN_MAX} characters.`)
    .refine((v) => !/\s/.test(v), "Client secret must not contain spaces or line breaks.")
    .optional(),
);

/** The OAuth client settings form: Slack needs only the client; generic OAuth 2.0 also its endpoints. */
export const oauthSettingsSchema = z.discriminatedUnion("credentialKind", [
  z.object({ credentialKind: z.literal("slack_oauth"), clientId: clientIdField, clientSecret: clientSecretField }),
  z.object({
    credentialKind: z.literal("oauth2"),
    clientId: clientIdField,
    clientSecret: clientSecretField,
    authorizationEndpoint: endpointField,
    tokenEndpoint: endpointField,
    revocationEndpoint: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), endpointField.optional()),
    scopes: z
      .string()
      .trim()
      .max(1000, "Scopes must be at most 1000 characters.")
      .transform((v) => v.split(/[\s,]+/).filter(Boolean).join(" ")),
    clientAuth: z.enum(OAUTH_CLIENT_AUTHS, { error: "Choose how the client authenticates: HTTP Basic or in the request body." }),
  }),
]);
export type OAuthSettingsInput = z.infer<typeof oauthSettingsSchema>;
export type OAuthSettingsRaw = z.input<typeof oauthSettingsSchema>;
