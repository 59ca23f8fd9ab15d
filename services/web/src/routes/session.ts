import { HttpError, publicDoc, type HttpServer } from "@relief-ledger/http";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SessionPrincipal, SessionStore } from "../sessions.js";

export const SESSION_COOKIE = "ledger_session";

const SignInSchema = z.object({
  apiKey: z.string().min(1).max(256).describe("an API key; kept by the web service for this session only"),
});
const PrincipalSchema = z.object({
  role: z.string(),
  keyId: z.string(),
  cboId: z.string().optional(),
  donorId: z.string().optional(),
});
const SessionSchema = z.object({
  signedIn: z.boolean(),
  principal: PrincipalSchema.optional(),
  publicCoalition: z.boolean(),
});

export interface SessionRouteOptions {
  sessions: SessionStore;
  queryUrl: string;
  secureCookie: "auto" | "0" | "1";
  maxAgeMs: number;
  publicCoalition: boolean;
}

const KEY_REFUSED = new HttpError(
  401,
  "key_refused",
  "this API key was not accepted: it is mistyped, revoked or expired",
);

/** Asks the query service who a key is; the key goes only in the Authorization header. */
async function whoIs(queryUrl: string, apiKey: string): Promise<SessionPrincipal | undefined> {
  let response: Response;
  try {
    response = await fetch(`${queryUrl}/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } });
  } catch {
    throw new HttpError(503, "unavailable", "the query service cannot be reached; try again shortly");
  }
  if (response.status === 401 || response.status === 403) return undefined;
  if (!response.ok) throw new HttpError(503, "unavailable", "the query service could not check the key");
  return PrincipalSchema.parse(await response.json());
}

export const sessionIdOf = (request: FastifyRequest): string | undefined => request.cookies[SESSION_COOKIE];

/**
 * Sign-in exchanges an API key for an HttpOnly, SameSite=Strict session cookie. The key stays in
 * this process's memory for the session and is put on requests forwarded to the API; the page's
 * script never holds it after the sign-in request, and it is never written anywhere.
 */
export function sessionRoutes(app: HttpServer, options: SessionRouteOptions): void {
  const { sessions } = options;
  const setCookie = (request: FastifyRequest, reply: FastifyReply, id: string) =>
    reply.setCookie(SESSION_COOKIE, id, {
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure: options.secureCookie === "auto" ? request.protocol === "https" : options.secureCookie === "1",
      maxAge: Math.floor(options.maxAgeMs / 1000),
    });

  app.post(
    "/auth/session",
    {
      schema: publicDoc("session", "Sign in with an API key", {
        body: SignInSchema,
        response: { 200: SessionSchema },
      }),
    },
    async (request, reply) => {
      const principal = await whoIs(options.queryUrl, request.body.apiKey);
      if (!principal) throw KEY_REFUSED;
      sessions.destroy(sessionIdOf(request));
      setCookie(request, reply, sessions.create(request.body.apiKey, principal));
      return { signedIn: true, principal, publicCoalition: options.publicCoalition };
    },
  );

  app.get(
    "/auth/session",
    { schema: publicDoc("session", "Who is signed in, if anyone", { response: { 200: SessionSchema } }) },
    async (request, reply) => {
      const id = sessionIdOf(request);
      const session = sessions.get(id);
      if (!session) {
        if (id !== undefined) reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return { signedIn: false, publicCoalition: options.publicCoalition };
      }
      // Checked again each time the page opens: a key revoked meanwhile ends the session.
      const principal = await whoIs(options.queryUrl, session.apiKey);
      if (!principal) {
        sessions.destroy(id);
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        throw KEY_REFUSED;
      }
      return { signedIn: true, principal, publicCoalition: options.publicCoalition };
    },
  );

  app.delete(
    "/auth/session",
    { schema: publicDoc("session", "Sign out: the service forgets the key") },
    async (request, reply) => {
      sessions.destroy(sessionIdOf(request));
      return reply.clearCookie(SESSION_COOKIE, { path: "/" }).status(204).send();
    },
  );
}

/** The key a request acts with: its session's, or an Authorization header sent straight (curl). */
export function keyFor(request: FastifyRequest, sessions: SessionStore): string | undefined {
  return sessions.get(sessionIdOf(request))?.apiKey;
}
