import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import fp from "fastify-plugin";
import { authenticate, type Principal, type Role } from "./api-keys.js";
import { forbidden, unauthorized } from "./errors.js";
import type { Keyring } from "./keyring.js";

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** Attaches the caller's principal, if its bearer key is valid; routes decide what it may do. */
export const authPlugin = fp(async (app: FastifyInstance, { keyring }: { keyring: Keyring }) => {
  app.decorateRequest("principal", undefined);
  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    if (!header?.startsWith("Bearer ")) return;
    const principal = authenticate(header.slice("Bearer ".length).trim(), keyring.keys());
    if (principal) request.principal = principal;
  });
});

/** A preHandler admitting only the given roles: 401 without a valid key, 403 with the wrong one. */
export const requireRole =
  (...roles: Role[]): preHandlerHookHandler =>
  async (request) => {
    if (!request.principal) throw unauthorized();
    if (!roles.includes(request.principal.role)) throw forbidden();
  };

/** The principal of a request that passed requireRole. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/** A CBO key acts only for its own CBO; other roles that passed requireRole act for any. */
export function assertActsFor(
  principal: Principal,
  cboId: string,
  refusal = "a CBO key may act only for its own CBO",
): void {
  if (principal.role === "cbo" && principal.cboId !== cboId) throw forbidden(refusal);
}
