// The whole domain: the browser-safe part, the pseudonymiser, which holds an HMAC key and runs
// only on the server (node:crypto), and the comparison of a retried write (node:util).
export * from "./browser.js";
export {
  MIN_PSEUDONYM_KEY_BYTES,
  createPseudonymizer,
  type Pseudonymizer,
  type PseudonymizerOptions,
} from "./pseudonyms/pseudonymizer.js";
export { isSameWrite, type StoredEvent } from "./decide/written-once.js";
