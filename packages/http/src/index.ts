export * from "./errors.js";
export { errorHandler } from "./error-handler.js";
export * from "./api-keys.js";
export { readApiKeysFile, addToApiKeysFile } from "./api-keys-file.js";
export { fileKeyring, staticKeyring, type Keyring } from "./keyring.js";
export { authPlugin, requireRole, principalOf, assertActsFor } from "./auth.js";
export { loggerOptions } from "./logger.js";
export { readConfig } from "./config.js";
export { createHttpServer, type HttpServer, type HttpServerOptions } from "./server.js";
