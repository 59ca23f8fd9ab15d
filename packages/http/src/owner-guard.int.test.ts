import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "./api-keys.js";
import { ownerParams, requireOwner } from "./auth.js";
import { staticKeyring } from "./keyring.js";
import { createHttpServer, type HttpServer } from "./server.js";

const keys = {
  cbo: createApiKey({ role: "cbo", cboId: "sangama-blr" }),
  donor: createApiKey({ role: "donor", donorId: "azim-trust" }),
  auditor: createApiKey({ role: "auditor" }),
  admin: createApiKey({ role: "admin" }),
};
let app: HttpServer;
/** Every owner a handler was reached for: a refused request must never get there. */
const reached: string[] = [];

beforeAll(async () => {
  app = await createHttpServer({
    service: "test",
    version: "0.0.0",
    description: "owner guard",
    keyring: staticKeyring(Object.values(keys).map((key) => key.record)),
    logger: false,
  });
  app.get(
    "/v1/cbos/:cboId/things",
    {
      ...requireOwner("cboId", ["cbo", "auditor"], "a CBO key reads only its own CBO's things"),
      schema: { params: ownerParams("cboId") },
    },
    async (request) => {
      reached.push(request.params.cboId);
      return { cboId: request.params.cboId };
    },
  );
  app.get(
    "/v1/donors/:donorId/things",
    {
      ...requireOwner("donorId", ["donor", "auditor", "admin"], "a donor key reads only its own things"),
      schema: { params: ownerParams("donorId") },
    },
    async (request) => {
      reached.push(request.params.donorId);
      return { donorId: request.params.donorId };
    },
  );
  await app.ready();
});
afterAll(() => app.close());

const get = async (url: string, who?: keyof typeof keys) => {
  const response = await app.inject({
    url,
    headers: who ? { authorization: `Bearer ${keys[who].token}` } : {},
  });
  return { status: response.statusCode, body: response.json<{ message: string; details?: unknown }>() };
};

describe("requireOwner: a route's owner, named by its path, checked in its declaration", () => {
  it("lets an owner's key read its own and a reader with no such scope read any owner's", async () => {
    reached.length = 0;
    expect((await get("/v1/cbos/sangama-blr/things", "cbo")).status).toBe(200);
    expect((await get("/v1/cbos/vamp-sangli/things", "auditor")).status).toBe(200);
    expect((await get("/v1/donors/azim-trust/things", "donor")).status).toBe(200);
    expect((await get("/v1/donors/other-trust/things", "admin")).status).toBe(200);
    expect(reached).toEqual(["sangama-blr", "vamp-sangli", "azim-trust", "other-trust"]);
  });

  it("refuses a key scoped to another owner with 403 and the route's words, before the handler", async () => {
    reached.length = 0;
    expect(await get("/v1/cbos/vamp-sangli/things", "cbo")).toEqual({
      status: 403,
      body: { error: "forbidden", message: "a CBO key reads only its own CBO's things" },
    });
    expect(await get("/v1/donors/other-trust/things", "donor")).toEqual({
      status: 403,
      body: { error: "forbidden", message: "a donor key reads only its own things" },
    });
    expect(reached).toEqual([]);
  });

  it("checks in order: no key 401, a role not admitted 403, a malformed path 400, another owner 403", async () => {
    expect((await get("/v1/cbos/vamp-sangli/things")).status).toBe(401);
    // The donor key is refused for its role, whatever the path says, before the path is validated.
    expect(await get("/v1/cbos/NOT A SLUG/things", "donor")).toEqual({
      status: 403,
      body: { error: "forbidden", message: "this key's role may not do this" },
    });
    const malformed = await get("/v1/cbos/NOT A SLUG/things", "cbo");
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.details)).toContain("params.cboId");
    expect((await get("/v1/cbos/vamp-sangli/things", "cbo")).status).toBe(403);
    expect(reached).not.toContain("NOT A SLUG");
  });

  it("documents the key refusals of a guarded route, as requireRole's routes do", async () => {
    const spec = (await app.inject("/docs/json")).json<{
      paths: Record<string, { get: { responses: Record<string, unknown> } }>;
    }>();
    expect(Object.keys(spec.paths["/v1/cbos/{cboId}/things"]!.get.responses)).toEqual(
      expect.arrayContaining(["401", "403"]),
    );
  });

  it("refuses to be declared for roles none of which the owner's field scopes", () => {
    expect(() => requireOwner("cboId", ["donor", "auditor"], "never said")).toThrow(
      "none of the roles donor, auditor is scoped by cboId",
    );
  });
});
