import { RecordFundsInputSchema } from "@relief-ledger/domain";
import { commandRoute, commandRoutes } from "./command-route.js";

export const fundRoutes = commandRoutes(
  commandRoute({
    method: "POST",
    url: "/v1/funds",
    role: "admin",
    doc: { tags: ["funds"], summary: "Record money a donor gave a CBO" },
    body: RecordFundsInputSchema,
    writtenOnce: true,
    command: ({ body }) => ({ type: "RecordFunds", data: body }),
    answers: "fundId",
  }),
);
