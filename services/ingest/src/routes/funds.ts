import { RecordFundsInputSchema } from "@relief-ledger/domain";
import { doc } from "@relief-ledger/http";
import { commandRoute, commandRoutes } from "./command-route.js";

export const fundRoutes = commandRoutes(
  commandRoute({
    method: "POST",
    url: "/v1/funds",
    role: "admin",
    doc: doc("funds", "Record money a donor gave a CBO"),
    body: RecordFundsInputSchema,
    writtenOnce: true,
    command: ({ body }) => ({ type: "RecordFunds", data: body }),
    answers: "fundId",
  }),
);
