import { randomBytes } from "node:crypto";

/** Who a key acts as, as the query service's /v1/me says: never the key. */
export interface SessionPrincipal {
  role: string;
  keyId: string;
  cboId?: string;
  donorId?: string;
}

interface Session {
  /** The API key, held only here, in this process's memory, to put on forwarded requests. */
  apiKey: string;
  principal: SessionPrincipal;
  createdAtMs: number;
  lastSeenAtMs: number;
}

export interface SessionStore {
  create(apiKey: string, principal: SessionPrincipal): string;
  /** The live session for an id, touched; undefined when unknown, idle too long or too old. */
  get(id: string | undefined): Session | undefined;
  destroy(id: string | undefined): void;
  readonly size: number;
}

/**
 * Sessions in memory only: a restart signs everyone out, and no key is ever written to disk.
 * The id is 32 random bytes; the store is bounded (the oldest session goes first), so a flood of
 * sign-ins costs bounded memory.
 */
export function memorySessionStore(
  limits: { idleMs: number; maxMs: number; maxSessions?: number },
  now = () => Date.now(),
): SessionStore {
  const sessions = new Map<string, Session>();
  const maxSessions = limits.maxSessions ?? 10_000;
  const expired = (s: Session, at: number) => at - s.lastSeenAtMs > limits.idleMs || at - s.createdAtMs > limits.maxMs;
  return {
    create(apiKey, principal) {
      while (sessions.size >= maxSessions) sessions.delete(sessions.keys().next().value!);
      const id = randomBytes(32).toString("base64url");
      const at = now();
      sessions.set(id, { apiKey, principal, createdAtMs: at, lastSeenAtMs: at });
      return id;
    },
    get(id) {
      if (id === undefined) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      const at = now();
      if (expired(session, at)) {
        sessions.delete(id);
        return undefined;
      }
      session.lastSeenAtMs = at;
      return session;
    },
    destroy(id) {
      if (id !== undefined) sessions.delete(id);
    },
    get size() {
      return sessions.size;
    },
  };
}
