import { RegisterCboInputSchema, RegisterDonorInputSchema, RecordedSchema } from "@relief-ledger/domain";
import { refusals, requireRole, type RoutesPlugin } from "@relief-ledger/http";
import { z } from "zod";
import { commandContext, type IngestDeps } from "../deps.js";
import { WRITE_REFUSALS, handleCommand } from "../handle-command.js";

/** Admins register CBOs and donors; registering again with the same details is a harmless retry. */
export const registrationRoutes: RoutesPlugin<IngestDeps> = async (app, deps) => {
  app.post(
    "/v1/cbos",
    {
      onRequest: requireRole("admin"),
      schema: {
        tags: ["registrations"],
        summary: "Register a CBO",
        body: RegisterCboInputSchema,
        response: { 201: RecordedSchema.extend({ cboId: z.string() }), ...refusals(409, ...WRITE_REFUSALS) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      const recorded = await handleCommand(deps, { type: "RegisterCbo", data: request.body }, metadata);
      return reply.status(201).send({ cboId: request.body.cboId, ...recorded });
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
        response: { 201: RecordedSchema.extend({ donorId: z.string() }), ...refusals(409, ...WRITE_REFUSALS) },
      },
    },
    async (request, reply) => {
      const { metadata } = commandContext(request);
      const recorded = await handleCommand(deps, { type: "RegisterDonor", data: request.body }, metadata);
      return reply.status(201).send({ donorId: request.body.donorId, ...recorded });
    },
  );
};
