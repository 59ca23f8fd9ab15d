export * from "./errors.js";
export { errorHandler } from "./error-handler.js";
export { RequestValidationError, validationRefusal } from "./validation.js";
export { refusals, type RefusalStatus } from "./refusals.js";
export * from "./api-keys.js";
export {
  ApiKeysFileError,
  addToApiKeysFile,
  readApiKeysFile,
  revokeApiKeys,
  updateApiKeysFile,
  withApiKeysFileLock,
} from "./api-keys-file.js";
export { LAST_USED_RESOLUTION_MS, lastUsedFile, readLastUsed } from "./key-usage.js";
export { fileKeyring, staticKeyring, type FileKeyringOptions, type Keyring, type KeyringLog } from "./keyring.js";
export {
  authPlugin,
  requireRole,
  requireOwner,
  ownerParams,
  refuseUnread,
  principalOf,
  assertActsFor,
  type OwnerGuard,
  type ScopeField,
} from "./auth.js";
export { loggerOptions } from "./logger.js";
export {
  BaseConfigSchema,
  baseSettings,
  DATA_FILES,
  flagSetting,
  portSetting,
  readConfig,
  sqliteStoreIn,
  storeOf,
} from "./config.js";
export { doc, keyOptionalWhen, publicDoc, OPENAPI_TAGS, type OpenApiTag, type RouteDoc } from "./route-doc.js";
export { createHttpServer, type HttpServer, type HttpServerOptions, type RoutesPlugin } from "./server.js";
export type { FastifyReply, FastifyRequest } from "fastify";
export { listenService, type RunningService } from "./listen.js";
export { startOrExplain } from "./start.js";
export { answersHealth, probeHealth } from "./health-probe.js";
