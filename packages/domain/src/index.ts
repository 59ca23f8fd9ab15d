// The whole domain: the browser-safe part, and the pseudonymiser, which holds an HMAC key and runs
// only on the server (node:crypto).
export * from "./browser.js";
export {
  MIN_PSEUDONYM_KEY_BYTES,
  createPseudonymizer,
  type Pseudonymizer,
  type PseudonymizerOptions,
} from "./pseudonyms/pseudonymizer.js";
