export { buildWebApp, CONTENT_SECURITY_POLICY, type WebAppOptions } from "./app.js";
export { WebConfigSchema, type WebConfig } from "./config.js";
export { startWeb } from "./service.js";
export { memorySessionStore, type SessionStore, type SessionPrincipal } from "./sessions.js";
export { SESSION_COOKIE } from "./routes/session.js";
