import { z } from "zod";
import { ROLES } from "@/lib/permissions";
import { requiredLine } from "./common";

export const ISSUER_INVALID = "Enter the provider's issuer URL, like https://your-org.okta.com (http:// only for localhost).";
export const SSO_CLIENT_ID_REQUIRED = "Enter the client ID of the application you registered at the provider.";
export const SSO_CLIENT_SECRET_REQUIRED = "Enter the client secret of the application you registered at the provider.";
export const SSO_CLIENT_AUTHS = ["basic", "post"] as const;
export type SsoClientAuth = (typeof SSO_CLIENT_AUTHS)[number];

/** True for addresses on this machine, where plain http cannot be read by anyone else. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The provider's issuer identifier: https (http only on loopback), no credentials, query or fragment. */
export const issuerField = z
  .string({ error: ISSUER_INVALID })
  .trim()
  .min(1, { message: ISSUER_INVALID, abort: true })
  .max(500, "The issuer URL must be at most 500 characters.")
  .refine((v) => {
    try {
      const url = new URL(v);
      // Codes and tokens travel to this provider: plain http only on the loopback interface (tests, a local IdP).
      const transport = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
      return transport && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, ISSUER_INVALID);

const clientIdField = z.string({ error: SSO_CLIENT_ID_REQUIRED }).trim().min(1, SSO_CLIENT_ID_REQUIRED).max(300, "Client ID must be at most 300 characters.");

// Blank keeps the stored secret (Replace is write-only); whitespace is never part of a secret.
const clientSecretField = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string()
    .trim()
    .max(2000, "Client secret must be at most 2000 characters.")
    .refine((v) => !/\s/.test(v), "Client secret must not contain spaces or line breaks.")
    .optional(),
);

/** An empty form value (a disabled select posts none) counts as absent, so the default applies. */
const blankAsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);

/** A checkbox as a form posts it ("on" when ticked, absent when not), or a boolean. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** Settings > Sign-in > Single sign-on. */
export const ssoSettingsSchema = z.object({
  issuer: issuerField,
  clientId: clientIdField,
  clientSecret: clientSecretField,
  clientAuth: z.preprocess(blankAsAbsent, z.enum(SSO_CLIENT_AUTHS, { error: "Choose how the console authenticates to the provider." }).default("basic")),
  displayName: requiredLine("Button name", 40),
  createOnFirstSignIn: checkbox,
  createRole: z.preprocess(blankAsAbsent, z.enum(ROLES, { error: "Choose the role for operators created on first sign-in." }).default("auditor")),
  ssoOnly: checkbox,
});

export type SsoSettingsInput = z.infer<typeof ssoSettingsSchema>;
export type SsoSettingsInputRaw = z.input<typeof ssoSettingsSchema>;

/** The Test button: the issuer typed in the form. */
export const ssoTestSchema = z.object({ issuer: issuerField });
