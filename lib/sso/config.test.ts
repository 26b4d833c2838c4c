import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ISSUER_INVALID, SSO_CLIENT_ID_REQUIRED, ssoSettingsSchema } from "@/lib/schemas/sso";
import { breakGlassEmail, ssoFromEnvironment } from "./config";
import { sanitiseProviderText, ssoFailureMessage } from "./errors";

const valid = { issuer: "https://idp.example.com", clientId: "console", clientSecret: "s3cret-value", displayName: "Okta" };

function fieldErrors(input: unknown): Record<string, string[] | undefined> {
  const result = ssoSettingsSchema.safeParse(input);
  return result.success ? {} : (z.flattenError(result.error).fieldErrors as Record<string, string[]>);
}

describe("single sign-on settings schema", () => {
  it.each([
    ["https://idp.example.com", true],
    ["https://idp.example.com/oauth2/default", true],
    ["https://tenant.auth0.com/", true],
    ["http://127.0.0.1:4000", true],
    ["http://localhost:8080/realms/console", true],
    ["http://[::1]:9000", true],
    ["http://idp.example.com", false],
    ["http://10.0.0.5", false],
    ["https://idp.example.com/?tenant=1", false],
    ["https://idp.example.com/#x", false],
    ["https://user:pw@idp.example.com", false],
    ["ftp://idp.example.com", false],
    ["idp.example.com", false],
    ["", false],
  ])("issuer %s is accepted: %s", (issuer, ok) => {
    const errors = fieldErrors({ ...valid, issuer });
    if (ok) expect(errors.issuer).toBeUndefined();
    else expect(errors.issuer).toEqual([ISSUER_INVALID]);
  });

  it("requires a client ID and a button name, refuses a secret with spaces, and defaults the rest safely", () => {
    expect(fieldErrors({ ...valid, clientId: "  " }).clientId).toEqual([SSO_CLIENT_ID_REQUIRED]);
    expect(fieldErrors({ ...valid, displayName: "" }).displayName).toEqual(["Button name is required."]);
    expect(fieldErrors({ ...valid, displayName: "x".repeat(41) }).displayName).toEqual(["Button name must be at most 40 characters."]);
    expect(fieldErrors({ ...valid, clientSecret: "has space" }).clientSecret).toBeDefined();
    expect(fieldErrors({ ...valid, createRole: "owner" }).createRole).toBeDefined();
    // A form posts "" for a disabled select: the default applies.
    const parsed = ssoSettingsSchema.parse({ ...valid, clientSecret: "  ", createRole: "", clientAuth: "" });
    // Off unless ticked; new operators would be auditors; a blank secret means "keep the stored one".
    expect(parsed).toMatchObject({ createOnFirstSignIn: false, createRole: "auditor", ssoOnly: false, clientAuth: "basic", clientSecret: undefined });
    expect(ssoSettingsSchema.parse({ ...valid, createOnFirstSignIn: "on", ssoOnly: "on", createRole: "approver" })).toMatchObject({
      createOnFirstSignIn: true,
      ssoOnly: true,
      createRole: "approver",
    });
  });
});

describe("single sign-on from the environment", () => {
  const env = { SSO_ISSUER: "https://idp.example.com", SSO_CLIENT_ID: "console", SSO_CLIENT_SECRET: "env-secret-value" };

  it("is absent when no SSO_ISSUER, SSO_CLIENT_ID or SSO_CLIENT_SECRET is set", () => {
    expect(ssoFromEnvironment({})).toBeNull();
    expect(ssoFromEnvironment({ SSO_ONLY: "true", SSO_DISPLAY_NAME: "Okta" })).toBeNull();
  });

  it("reads a complete configuration with defaults: off switches, a generic button name", () => {
    expect(ssoFromEnvironment(env)).toEqual({
      config: {
        issuer: "https://idp.example.com",
        clientId: "console",
        clientSecret: "env-secret-value",
        clientAuth: "basic",
        displayName: "single sign-on",
        createOnFirstSignIn: false,
        createRole: "auditor",
        ssoOnly: false,
      },
      problem: null,
    });
    const full = ssoFromEnvironment({ ...env, SSO_DISPLAY_NAME: "Okta", SSO_ONLY: "TRUE", SSO_CREATE_ROLE: "approver", SSO_CLIENT_AUTH: "post" });
    expect(full?.config).toMatchObject({ displayName: "Okta", ssoOnly: true, createOnFirstSignIn: true, createRole: "approver", clientAuth: "post" });
    for (const word of ["0", "false", "no", ""]) expect(ssoFromEnvironment({ ...env, SSO_ONLY: word })?.config?.ssoOnly).toBe(false);
  });

  it.each([
    [{ ...env, SSO_CLIENT_SECRET: "" }, "SSO_CLIENT_SECRET is not set in the environment."],
    [{ ...env, SSO_ISSUER: "http://idp.example.com" }, `SSO_ISSUER in the environment is not valid: ${ISSUER_INVALID}`],
    [{ ...env, SSO_CLIENT_ID: "" }, `SSO_CLIENT_ID in the environment is not valid: ${SSO_CLIENT_ID_REQUIRED}`],
  ])("an incomplete or invalid environment is a problem to show, never a usable configuration (%#)", (input, problem) => {
    expect(ssoFromEnvironment(input)).toEqual({ config: null, problem });
  });

  it("an unknown SSO_CREATE_ROLE is named", () => {
    expect(ssoFromEnvironment({ ...env, SSO_CREATE_ROLE: "owner" })?.problem).toMatch(/^SSO_CREATE_ROLE in the environment is not valid/);
  });

  it("the break-glass email is compared lower-cased", () => {
    expect(breakGlassEmail({ SSO_BREAK_GLASS_EMAIL: "  Root@Example.TEST " })).toBe("root@example.test");
    expect(breakGlassEmail({})).toBeNull();
  });
});

describe("refusal messages", () => {
  it("says each refusal in words and shows a provider's text only sanitised", () => {
    expect(ssoFailureMessage("unknown-email")).toMatch(/^No console operator has the email address/);
    expect(ssoFailureMessage("made-up")).toBeNull();
    expect(ssoFailureMessage(undefined)).toBeNull();
    const shown = ssoFailureMessage("provider-error", 'access_denied: <script>alert("x")</script> https://evil.example/?a=1&b=2');
    expect(shown).toContain("Details: “access_denied: script alert( x ) /script https://evil.example/ a 1 b 2”");
    expect(shown).not.toMatch(/[<>"&?=]/);
    // Other codes never carry text from the URL.
    expect(ssoFailureMessage("state", "Call 555-0100 to unlock")).not.toContain("555");
  });

  it("keeps a provider's text to one short line", () => {
    expect(sanitiseProviderText("line one\nline two\u0000")).toBe("line one line two");
    expect(sanitiseProviderText("x".repeat(500)).length).toBeLessThanOrEqual(160);
    expect(sanitiseProviderText(null)).toBe("");
  });
});
