import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from "fastify";
import fp from "fastify-plugin";
import type { Principal, Role } from "./api-keys.js";
import { forbidden, unauthorized } from "./errors.js";
import { KEY_CHECK } from "./refusals.js";
import type { Keyring } from "./keyring.js";

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** Attaches the caller's principal, if its bearer key is valid; routes decide what it may do. */
export const authPlugin = fp(async (app: FastifyInstance, { keyring }: { keyring: Keyring }) => {
  app.decorateRequest("principal", undefined);
  keyring.setLog?.(app.log);
  app.addHook("onClose", async () => keyring.close?.());
  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    if (!header?.startsWith("Bearer ")) return;
    const principal = keyring.authenticate(header.slice("Bearer ".length).trim());
    if (principal) request.principal = principal;
  });
});

/** Whether the request announces a body (a length above zero, or chunks). */
const announcesBody = (request: FastifyRequest): boolean =>
  request.headers["transfer-encoding"] !== undefined || Number(request.headers["content-length"] ?? 0) > 0;

/**
 * Refuses before a byte of the body is read. Closing the connection stops Node from draining the
 * rest of an unread body, so a refused caller cannot make the service read what it sends.
 */
export function refuseUnread(request: FastifyRequest, reply: FastifyReply, error: Error): never {
  if (announcesBody(request)) void reply.header("connection", "close");
  throw error;
}

/**
 * An onRequest hook admitting only the given roles: 401 without a valid key, 403 with the wrong
 * one. It runs before the body is read or parsed, so a refused caller never costs a parse and
 * never learns which fields its body got wrong.
 */
export function requireRole(...roles: Role[]): onRequestAsyncHookHandler {
  const check: onRequestAsyncHookHandler = async (request, reply) => {
    if (!request.principal) refuseUnread(request, reply, unauthorized());
    if (!roles.includes(request.principal.role)) refuseUnread(request, reply, forbidden());
  };
  return Object.assign(check, { [KEY_CHECK]: true });
}

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
