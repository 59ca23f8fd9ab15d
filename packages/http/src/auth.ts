import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from "fastify";
import fp from "fastify-plugin";
import { PrincipalSchema } from "@relief-ledger/domain";
import { z } from "zod";
import { ROLE_SCOPES, type Principal, type Role } from "./api-keys.js";
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

/**
 * A field that scopes a key to one owner (`cboId` on a cbo key, `donorId` on a donor key): the
 * principal's fields beside its role and key id, as the domain's one list of roles gives them.
 */
export type ScopeField = Principal extends infer Holder
  ? Holder extends Principal
    ? Exclude<keyof Holder, "role" | "keyId">
    : never
  : never;

/** Each scope field's schema, as the domain's principals declare it (CboIdSchema for cboId). */
const SCOPE_SCHEMAS = Object.fromEntries(
  PrincipalSchema.options.flatMap((holder) =>
    Object.entries(holder.shape).filter(([field]) => field !== "role" && field !== "keyId"),
  ),
) as Record<ScopeField, z.ZodType<string>>;

/**
 * The path parameters of a route that names one owner (`/v1/cbos/:cboId/…`): the owner's id, with
 * the schema of the key scope that names it, so a path and a key's scope are checked by one rule.
 */
export const ownerParams = <Owner extends ScopeField>(owner: Owner) =>
  z.object({ [owner]: SCOPE_SCHEMAS[owner] } as Record<Owner, z.ZodType<string>>);

/**
 * Whether a key may act for the owner `id` names: a key scoped by `field` (a cbo key by cboId) for
 * its own only; a key with no such scope (an auditor's, an admin's) for any.
 */
function actsFor(principal: Principal, field: ScopeField, id: string): boolean {
  const own = (principal as Partial<Record<ScopeField, string>>)[field];
  return own === undefined || own === id;
}

/** A CBO key acts only for its own CBO; other roles that passed requireRole act for any. */
export function assertActsFor(
  principal: Principal,
  cboId: string,
  refusal = "a CBO key may act only for its own CBO",
): void {
  if (!actsFor(principal, "cboId", cboId)) throw forbidden(refusal);
}

/** The hooks of requireOwner, spread into a route's options. */
export interface OwnerGuard {
  onRequest: onRequestAsyncHookHandler;
  preHandler: preHandlerAsyncHookHandler;
}

/**
 * The guard of a route that reads one owner's records, the owner named by the path parameter
 * `owner` (`/v1/cbos/:cboId/totals`), declared in the route's options, not in its handler:
 * `{ ...requireOwner("cboId", ["cbo", "auditor"], "a CBO key reads only its own CBO's totals"), schema }`.
 * onRequest admits only `roles`, as requireRole does (401, then 403); preHandler, once the path has
 * validated (400 names a malformed id first), refuses a key scoped to another owner with 403 and
 * `refusal`. The other roles admitted read any owner's records.
 */
export function requireOwner(owner: ScopeField, roles: [Role, ...Role[]], refusal: string): OwnerGuard {
  if (!roles.some((role) => ROLE_SCOPES[role].includes(owner)))
    throw new Error(`requireOwner("${owner}"): none of the roles ${roles.join(", ")} is scoped by ${owner}`);
  const preHandler: preHandlerAsyncHookHandler = async (request) => {
    const id = (request.params as Partial<Record<ScopeField, string>>)[owner];
    if (id === undefined) throw new Error(`requireOwner("${owner}") guards a route whose path has no :${owner}`);
    if (!actsFor(principalOf(request), owner, id)) throw forbidden(refusal);
  };
  return { onRequest: requireRole(...roles), preHandler };
}
