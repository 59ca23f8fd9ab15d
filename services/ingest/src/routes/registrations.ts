import { RegisterCboInputSchema, RegisterDonorInputSchema } from "@relief-ledger/domain";
import { doc } from "@relief-ledger/http";
import { commandRoute, commandRoutes } from "./command-route.js";

/** Admins register CBOs and donors; registering again with the same details is a harmless retry. */
export const registrationRoutes = commandRoutes(
  commandRoute({
    method: "POST",
    url: "/v1/cbos",
    role: "admin",
    doc: doc("registrations", "Register a CBO"),
    body: RegisterCboInputSchema,
    writtenOnce: true,
    command: ({ body }) => ({ type: "RegisterCbo", data: body }),
    answers: "cboId",
  }),
  commandRoute({
    method: "POST",
    url: "/v1/donors",
    role: "admin",
    doc: doc("registrations", "Register a donor"),
    body: RegisterDonorInputSchema,
    writtenOnce: true,
    command: ({ body }) => ({ type: "RegisterDonor", data: body }),
    answers: "donorId",
  }),
);
