import { loadSigningKey, type AuditLog, type SigningKey, type SigningKeySettings } from "@relief-ledger/audit";
import { createHeadSigner, type HeadSigner, type HeadSignerOptions } from "./head-signer.js";

export interface RunningSigner extends HeadSigner {
  /** Stops the timer and waits for a signing under way. */
  stop(): Promise<void>;
}

/** Signs now if enough is unsigned, then on every batch and every `everySeconds`. */
export function startHeadSigner(options: HeadSignerOptions, everySeconds: number): RunningSigner {
  const signer = createHeadSigner(options);
  const timer = setInterval(() => signer.onTick(), everySeconds * 1_000);
  signer.afterBatch();
  return {
    ...signer,
    async stop() {
      clearInterval(timer);
      await signer.idle();
    },
  };
}

/** The key to sign heads with, or undefined when none is configured: then nothing signs. */
export function signingKeyOf(settings: SigningKeySettings): SigningKey | undefined {
  // A key that is configured but unreadable stops the service; only an absent one turns signing off.
  if (!settings.keyFile && !settings.demo) return undefined;
  return loadSigningKey(settings);
}

/** The signing part of /health. */
export function signingHealth(audit: AuditLog, key: SigningKey | undefined, signer: HeadSigner | undefined) {
  if (key === undefined) return { signing: "off: no LEDGER_SIGNING_KEY" };
  const error = signer?.lastError();
  return {
    signing: signer === undefined ? "waiting until caught up" : "on",
    keyId: key.keyId,
    signedTreeSize: audit.heads.latest()?.treeSize ?? 0,
    unsignedEvents: audit.heads.unsignedLeaves(audit.index.size()),
    ...(error !== undefined && { signingError: error }),
  };
}
