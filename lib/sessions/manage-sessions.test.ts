import { afterEach, describe, expect, it, vi } from "vitest";
import type { LiveSession } from "./session-store";

// Tests have no browser request: requireOwnSession gets the actor from runAs as usual, and the
// "asking browser" from this variable (what the session cookie would name).
const browser = vi.hoisted(() => ({ session: null as LiveSession | null }));
vi.mock("@/lib/authz", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/authz")>();
  return {
    ...real,
    requireOwnSession: async (stages?: Parameters<typeof real.requireOwnSession>[0]) => ({ ...(await real.requireOwnSession(stages)), session: browser.session }),
  };
});

import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { makeAdmin } from "@/test/factories";
import { describeUserAgent, endOperatorSessions, endOtherOwnSessions, endOwnSession, listOwnSessions } from "./manage-sessions";
import { createSession, readSession } from "./session-store";

const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const FIREFOX_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";

async function sessionOf(actor: Actor, ip: string, userAgent = CHROME_MAC, stage: "active" | "second-factor" = "active") {
  const admin = await db.admin.findUniqueOrThrow({ where: { id: actor.id } });
  const method = stage === "active" ? "password+totp" : "password";
  return createSession({ admin, stage, method, ip, userAgent });
}

/** Marks the session of `token` as the asking browser's. */
async function browsingWith(token: string) {
  browser.session = await readSession(token);
}

const audits = (action: string, targetId: string) => db.auditLog.findMany({ where: { action, targetId } });

afterEach(() => {
  browser.session = null;
});

describe("describeUserAgent", () => {
  it("names the browser with its major version and the system", () => {
    expect(describeUserAgent(CHROME_MAC)).toEqual({ browser: "Chrome 140", os: "macOS Catalina" });
    expect(describeUserAgent(FIREFOX_WIN)).toEqual({ browser: "Firefox 121", os: "Windows 10" });
    expect(describeUserAgent("")).toEqual({ browser: "Unknown browser", os: "unknown system" });
    expect(describeUserAgent("curl/8.4.0").browser).toBeTruthy();
  });
});

describe("Your account > Sessions", () => {
  it("lists the operator's own live sessions, most recently used first, marks this browser and never shows a token or hash", async () => {
    const me = await makeAdmin("auditor");
    const here = await sessionOf(me, "10.20.0.1");
    const there = await sessionOf(me, "10.20.0.2", FIREFOX_WIN);
    const halfway = await sessionOf(me, "10.20.0.3", CHROME_MAC, "second-factor");
    await db.operatorSession.update({ where: { id: here.sessionId }, data: { lastSeenAt: new Date(Date.now() - 60_000) } });
    await db.operatorSession.update({ where: { id: halfway.sessionId }, data: { lastSeenAt: new Date(Date.now() - 120_000) } });
    // Not listed: ended by time, idle, signed in before a password reset, and another operator's.
    const expired = await sessionOf(me, "10.20.0.4");
    await db.operatorSession.update({ where: { id: expired.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const idle = await sessionOf(me, "10.20.0.5");
    await db.operatorSession.update({ where: { id: idle.sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    const stale = await sessionOf(me, "10.20.0.6");
    await db.operatorSession.update({ where: { id: stale.sessionId }, data: { sessionVersion: 0 } });
    await sessionOf(await makeAdmin("auditor"), "10.20.0.7");

    const before = await runAs(me, () => listOwnSessions());
    expect(before.map((r) => [r.ip, r.browser, r.os, r.method, r.pending, r.current])).toEqual([
      ["10.20.0.2", "Firefox 121", "Windows 10", "Password and authenticator code", false, false],
      ["10.20.0.1", "Chrome 140", "macOS Catalina", "Password and authenticator code", false, false],
      ["10.20.0.3", "Chrome 140", "macOS Catalina", "Password", true, false],
    ]);
    // Asking from `here` uses it, so it is now the most recently seen, and marked.
    await browsingWith(here.token);
    const rows = await runAs(me, () => listOwnSessions());
    expect(rows.map((r) => [r.ip, r.current])).toEqual([
      ["10.20.0.1", true],
      ["10.20.0.2", false],
      ["10.20.0.3", false],
    ]);
    expect(Object.keys(rows[0]).sort()).toEqual(["browser", "current", "expiresAt", "id", "ip", "lastSeenAt", "method", "os", "pending", "signedInAt"]);
    const text = JSON.stringify(rows);
    for (const secret of [here.token, there.token, halfway.token]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/tokenHash/);
  });

  it("ends one of the operator's other sessions and audits it; the ended browser is signed out", async () => {
    const me = await makeAdmin("approver");
    const here = await sessionOf(me, "10.21.0.1");
    const lost = await sessionOf(me, "10.21.0.2", FIREFOX_WIN);
    await browsingWith(here.token);
    await runAs(me, () => endOwnSession(lost.sessionId));
    expect(await readSession(lost.token)).toBeNull();
    expect(await readSession(here.token)).not.toBeNull();
    const [audit] = await audits("session.ended", lost.sessionId);
    expect(audit).toMatchObject({ actorId: me.id, targetType: "session", targetLabel: me.email });
    expect(JSON.parse(audit.after ?? "null")).toEqual({ ip: "10.21.0.2", browser: "Firefox 121 on Windows 10", method: "password+totp" });
    expect(`${audit.after}`).not.toContain(lost.token);
  });

  it("refuses to end another operator's session, or this browser's own (that is Sign out)", async () => {
    const me = await makeAdmin("admin");
    const here = await sessionOf(me, "10.22.0.1");
    const theirs = await sessionOf(await makeAdmin("auditor"), "10.22.0.2");
    await browsingWith(here.token);
    await expect(runAs(me, () => endOwnSession(theirs.sessionId))).rejects.toThrow(new NotFoundError("That session has already ended. Reload the page."));
    await expect(runAs(me, () => endOwnSession(here.sessionId))).rejects.toThrow(new DomainError("That is this browser's session. Use Sign out to end it."));
    expect(await readSession(theirs.token)).not.toBeNull();
    expect(await readSession(here.token)).not.toBeNull();
    expect(await audits("session.ended", theirs.sessionId)).toHaveLength(0);
  });

  it("Sign out everywhere else ends every other session of the operator, keeps this one and audits the count", async () => {
    const me = await makeAdmin("auditor");
    const here = await sessionOf(me, "10.23.0.1");
    const others = [await sessionOf(me, "10.23.0.2"), await sessionOf(me, "10.23.0.3", FIREFOX_WIN, "second-factor")];
    const someoneElse = await sessionOf(await makeAdmin("auditor"), "10.23.0.4");
    await browsingWith(here.token);
    expect(await runAs(me, () => endOtherOwnSessions())).toBe(2);
    for (const other of others) expect(await readSession(other.token)).toBeNull();
    expect(await readSession(here.token)).not.toBeNull();
    expect(await readSession(someoneElse.token)).not.toBeNull();
    const [audit] = await audits("session.others.ended", here.sessionId);
    expect(JSON.parse(audit.after ?? "null")).toEqual({ count: 2 });
    // Nothing left to end: no audit row for nothing.
    expect(await runAs(me, () => endOtherOwnSessions())).toBe(0);
    expect(await audits("session.others.ended", here.sessionId)).toHaveLength(1);
  });
});

describe("Settings > Admins > End sessions", () => {
  it("an admin ends every session of another operator and the audit log records how many", async () => {
    const admin = await makeAdmin("admin");
    const target = await makeAdmin("approver");
    const sessions = [await sessionOf(target, "10.24.0.1"), await sessionOf(target, "10.24.0.2", FIREFOX_WIN, "second-factor")];
    const adminsOwn = await sessionOf(admin, "10.24.0.3");
    expect(await runAs(admin, () => endOperatorSessions(target.id))).toBe(2);
    for (const s of sessions) expect(await readSession(s.token)).toBeNull();
    expect(await readSession(adminsOwn.token)).not.toBeNull();
    const [audit] = await audits("admin.sessions.ended", target.id);
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "admin", targetLabel: target.email });
    expect(JSON.parse(audit.after ?? "null")).toEqual({ count: 2 });
    // The operator can sign in again: nothing else about them changed.
    expect(await db.admin.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ disabled: false, sessionVersion: 1 });
  });

  it.each(["auditor", "approver"] as const)("%s cannot end another operator's sessions and nothing ends", async (role) => {
    const actor = await makeAdmin(role);
    const target = await makeAdmin("auditor");
    const session = await sessionOf(target, "10.25.0.1");
    await expect(runAs(actor, () => endOperatorSessions(target.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await readSession(session.token)).not.toBeNull();
    expect(await audits("admin.sessions.ended", target.id)).toHaveLength(0);
  });

  it("refuses the admin's own account (Your account does that) and an unknown operator", async () => {
    const admin = await makeAdmin("admin");
    const own = await sessionOf(admin, "10.26.0.1");
    await expect(runAs(admin, () => endOperatorSessions(admin.id))).rejects.toThrow(
      new DomainError("To end your own sessions, use Sign out everywhere else under Your account."),
    );
    expect(await readSession(own.token)).not.toBeNull();
    await expect(runAs(admin, () => endOperatorSessions("no-such-operator"))).rejects.toBeInstanceOf(NotFoundError);
  });
});
