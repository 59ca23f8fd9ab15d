import {
  headFromCheckpoint,
  parsePublicKey,
  parseSignedNote,
  parseCheckpointBody,
  parseWitnessVkey,
  verifyCosignature,
} from "@relief-ledger/audit";
import { doc, HttpError, publicDoc, notFound, principalOf, requireRole, type RoutesPlugin } from "@relief-ledger/http";
import { auditLogOf, checkpointOf, signedPart } from "../audit/audit-source.js";
import { consistencyBundle, eventOfDistribution, inclusionBundle } from "../audit/proofs.js";
import {
  ConsistencyBundleSchema,
  ConsistencyQuerySchema,
  CosignatureAcceptedSchema,
  CosignatureBodySchema,
  DistributionInclusionQuerySchema,
  HeadSchema,
  InclusionBundleSchema,
  InclusionParamsSchema,
  InclusionQuerySchema,
  PublicKeyQuerySchema,
  PublicKeySchema,
} from "../audit/schemas.js";
import type { QueryDeps } from "../deps.js";
import { z } from "zod";

/**
 * /v1/audit: signed heads, the public key and proof bundles, from the Merkle index the projector
 * keeps in the read-model file, in the formats `ledger check-proof` verifies offline. Heads, keys
 * and consistency proofs are public (publicDoc): anyone may hold the operator to what it signed.
 * Inclusion proofs show events, so only auditors read them.
 */
export const auditRoutes: RoutesPlugin<QueryDeps> = async (app, { readModel, logStore, cosignatures, keyring }) => {
  const witnessing = cosignatures && { cosignatures, keyring };
  const cosignaturesOf = (treeSize: number, rootHash: string) =>
    witnessing?.cosignatures.forHead(treeSize, rootHash) ?? [];
  app.get(
    "/v1/audit/head",
    {
      schema: publicDoc("audit", "The latest signed tree head", {
        response: { 200: HeadSchema },
      }),
    },
    async () => {
      const log = auditLogOf(readModel);
      const head = log.heads.latest();
      if (head === undefined) throw notFound("no tree head has been signed yet");
      const cosigned = cosignaturesOf(head.treeSize, head.rootHash);
      const checkpoint = checkpointOf(
        log,
        head,
        cosigned.map((c) => c.line),
      );
      const cosignatures = cosigned.map(({ witness, timestamp, line }) => ({
        witness,
        cosignedAt: new Date(timestamp * 1000).toISOString(),
        line,
      }));
      return {
        head: signedPart(head),
        signedAt: head.signedAt,
        ...(checkpoint !== undefined && { checkpoint }),
        cosignatures,
      };
    },
  );

  app.get(
    "/v1/audit/checkpoint",
    {
      schema: publicDoc("audit", "The latest signed head as a C2SP tlog-checkpoint signed note (text/plain)", {
        response: { 200: z.string().describe("origin, tree size, base64 root, a blank line, signature lines") },
      }),
    },
    async (_request, reply) => {
      const log = auditLogOf(readModel);
      const head = log.heads.latest();
      const lines = head === undefined ? [] : cosignaturesOf(head.treeSize, head.rootHash).map((c) => c.line);
      const checkpoint = head === undefined ? undefined : checkpointOf(log, head, lines);
      if (checkpoint === undefined) throw notFound("no checkpoint has been signed yet");
      return reply.type("text/plain; charset=utf-8").send(checkpoint);
    },
  );

  app.get(
    "/v1/audit/public-key",
    {
      schema: publicDoc("audit", "The Ed25519 public key heads are signed with", {
        querystring: PublicKeyQuerySchema,
        response: { 200: PublicKeySchema },
      }),
    },
    async (request) => {
      const key = auditLogOf(readModel).keys.get(request.query.keyId);
      if (key === undefined) throw notFound(request.query.keyId ? "no key with that keyId" : "no key yet");
      return key;
    },
  );

  app.get(
    "/v1/audit/proofs/inclusion/:eventId",
    {
      onRequest: requireRole("auditor"),
      schema: doc("audit", "An inclusion proof bundle: the event, its audit path and the signed head", {
        params: InclusionParamsSchema,
        querystring: InclusionQuerySchema,
        response: { 200: InclusionBundleSchema },
      }),
    },
    async (request) => {
      if (logStore === undefined) throw new HttpError(503, "not_ready", "this service has no event store to read");
      const log = auditLogOf(readModel);
      return inclusionBundle(log, logStore.get(), request.params.eventId, request.query.treeSize);
    },
  );

  app.post(
    "/v1/audit/cosignatures",
    {
      onRequest: requireRole("witness"),
      schema: doc(
        "audit",
        "A witness posts its cosignature (C2SP tlog-cosignature/v1) of a checkpoint the ledger signed",
        {
          body: CosignatureBodySchema,
          response: { 201: CosignatureAcceptedSchema },
        },
      ),
    },
    async (request, reply) => {
      if (witnessing === undefined) throw new HttpError(503, "not_ready", "this service keeps no cosignatures");
      const record = witnessing.keyring.record(principalOf(request).keyId);
      if (record?.witnessKey === undefined) throw new HttpError(403, "forbidden", "this key has no witness key");
      const witness = parseWitnessVkey(record.witnessKey);
      const refuse = (status: number, message: string) =>
        new HttpError(status, status === 409 ? "conflict" : "bad_request", message, [
          { path: "body.checkpoint", message },
        ]);
      const note = parseSignedNote(request.body.checkpoint);
      const fields = note === null ? null : parseCheckpointBody(note.body);
      if (note === null || fields === null) throw refuse(400, "is not a C2SP checkpoint signed note");
      const log = auditLogOf(readModel);
      const head = log.heads.ofSize(fields.treeSize);
      const key = head === undefined ? undefined : log.keys.get(head.keyId);
      const signed =
        head !== undefined && key !== undefined
          ? headFromCheckpoint(request.body.checkpoint, new Map([[head.keyId, parsePublicKey(key.publicKeyPem)]]))
          : null;
      if (signed === null || signed.head.rootHash !== head!.rootHash || signed.head.origin !== head!.origin) {
        throw refuse(409, "is not a checkpoint this ledger signed");
      }
      const cosigned = note.signatures
        .map((line) => ({ line, at: verifyCosignature(note.body, line, witness) }))
        .find((entry) => entry.at !== undefined);
      if (cosigned === undefined) throw refuse(400, `carries no valid cosignature of witness ${witness.name}`);
      witnessing.cosignatures.add({
        witness: witness.name,
        treeSize: fields.treeSize,
        rootHash: fields.rootHash,
        timestamp: cosigned.at!,
        line: cosigned.line.line,
      });
      const cosignedAt = new Date(cosigned.at! * 1000).toISOString();
      return reply.status(201).send({ witness: witness.name, treeSize: fields.treeSize, cosignedAt });
    },
  );

  app.get(
    "/v1/audit/proofs/inclusion",
    {
      onRequest: requireRole("auditor"),
      schema: doc(
        "audit",
        "An inclusion proof bundle for the event that recorded a distribution, by its distributionId",
        {
          querystring: DistributionInclusionQuerySchema,
          response: { 200: InclusionBundleSchema },
        },
      ),
    },
    async (request) => {
      if (logStore === undefined) throw new HttpError(503, "not_ready", "this service has no event store to read");
      const log = auditLogOf(readModel);
      const eventId = eventOfDistribution(log, readModel.db(), request.query.distributionId);
      return inclusionBundle(log, logStore.get(), eventId, request.query.treeSize);
    },
  );

  app.get(
    "/v1/audit/proofs/consistency",
    {
      // Public, as in transparency logs: heads and hashes only, and what every witness must fetch.
      schema: publicDoc("audit", "A consistency proof bundle: the later signed tree extends the earlier one", {
        querystring: ConsistencyQuerySchema,
        response: { 200: ConsistencyBundleSchema },
      }),
    },
    async (request) => consistencyBundle(auditLogOf(readModel), request.query.from, request.query.to),
  );
};
