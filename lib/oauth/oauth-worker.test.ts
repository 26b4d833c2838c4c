import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { NO_WAIT, accountOf, jobsOf, seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { drainJobs } from "@/lib/provisioning/worker/run-worker";
import { approveHeadless, SCIM_SCOPE, startOAuthServer, type OAuthServer } from "@/test/oauth-server";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { insertUser, makeAdmin, unique } from "@/test/factories";
import { finishConnection } from "./finish-connection";
import { saveOAuthSettings } from "./save-oauth-settings";
import { startConnection } from "./start-connection";

process.env.PUBLIC_URL = "http://127.0.0.1:3997";
const REDIRECT = "http://127.0.0.1:3997/api/oauth/callback";

let server: OAuthServer;
let scim: ScimStandIn;
let admin: Actor;
beforeAll(async () => {
  // Tokens live 30 s, inside the refresh margin: every SCIM call of the worker needs a refreshed token.
  server = await startOAuthServer({ redirectUris: [REDIRECT], autoApprove: true, accessTokenTtl: 30 });
  scim = await startScimStandIn({ acceptToken: (t) => server.isActiveAccessToken(t) });
  admin = await makeAdmin("admin");
});
afterAll(async () => {
  await Promise.all([server.close(), scim.close()]);
});

describe("the provisioning worker with an OAuth app", () => {
  it("sends the refreshed OAuth token to the SCIM app, and holds the queue once the grant is revoked", async () => {
    const name = unique("Worker OAuth ");
    const app = await db.app.create({ data: { name, nameKey: name.toLowerCase(), kind: "scim", baseUrl: scim.baseUrl } });
    await runAs(admin, async () => {
      await saveOAuthSettings(app.id, {
        credentialKind: "oauth2",
        clientId: server.basicClient.clientId,
        clientSecret: server.basicClient.clientSecret,
        authorizationEndpoint: server.authorizationEndpoint,
        tokenEndpoint: server.tokenEndpoint,
        scopes: SCIM_SCOPE,
        clientAuth: "basic",
      });
      const { url } = await startConnection(app.id);
      expect((await finishConnection((await approveHeadless(url, REDIRECT)).searchParams)).error).toBeNull();
    });
    const group = await seedGroup();
    await seedPolicy(app.id, [group.id]);
    const first = await insertUser();
    await runAs(admin, () => addGroupMembers(group.id, [first.id]));
    const refreshes = server.tokenRequests.refresh_token ?? 0;
    expect(await drainJobs({ appIds: [app.id], retry: NO_WAIT })).toMatchObject([{ status: "succeeded", outcome: "success", action: "create" }]);
    expect(await accountOf(app.id, first.id)).toMatchObject({ state: "active" });
    expect(server.tokenRequests.refresh_token).toBeGreaterThan(refreshes);

    await server.revokeAllGrants();
    const second = await insertUser();
    await runAs(admin, () => addGroupMembers(group.id, [second.id]));
    await drainJobs({ appIds: [app.id], retry: NO_WAIT, maxRounds: 3 });
    expect(await db.app.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ health: "reconnect_needed" });
    const waiting = (await jobsOf(app.id)).find((j) => j.subjectId === second.id);
    expect(waiting?.status).toBe("queued");
    expect(scim.users().some((u) => u.userName === second.userName)).toBe(false);
  });
});
