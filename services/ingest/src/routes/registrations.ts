import { RegisterCboInputSchema, RegisterDonorInputSchema, cboStream, donorStream } from "@relief-ledger/domain";
import { conflict, requireRole, type HttpServer } from "@relief-ledger/http";
import { z } from "zod";
import { commandContext } from "../deps.js";
import { recordOnce } from "../recorder.js";
import type { IngestDeps } from "../deps.js";
import { RecordedSchema } from "./responses.js";

/** Admins register CBOs and donors; registering again with the same details is a harmless retry. */
export function registrationRoutes(app: HttpServer, { store }: IngestDeps): void {
  app.post(
    "/v1/cbos",
    {
      onRequest: requireRole("admin"),
      schema: {
        tags: ["registrations"],
        summary: "Register a CBO",
        body: RegisterCboInputSchema,
        response: { 201: RecordedSchema.extend({ cboId: z.string() }) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      const outcome = await recordOnce(
        store,
        cboStream(request.body.cboId),
        [{ type: "CboRegistered", data: request.body }],
        metadata,
      );
      if (!outcome.ok)
        throw conflict("the CBO is already registered with other details", [
          { path: "cboId", message: "is registered with other details" },
        ]);
      return reply.status(201).send({ cboId: request.body.cboId, ...outcome.recorded });
    },
  );

  app.post(
    "/v1/donors",
    {
      onRequest: requireRole("admin"),
      schema: {
        tags: ["registrations"],
        summary: "Register a donor",
        body: RegisterDonorInputSchema,
        response: { 201: RecordedSchema.extend({ donorId: z.string() }) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      const outcome = await recordOnce(
        store,
        donorStream(request.body.donorId),
        [{ type: "DonorRegistered", data: request.body }],
        metadata,
      );
      if (!outcome.ok)
        throw conflict("the donor is already registered with other details", [
          { path: "donorId", message: "is registered with other details" },
        ]);
      return reply.status(201).send({ donorId: request.body.donorId, ...outcome.recorded });
    },
  );
}
