import type { FastifyReply } from "@relief-ledger/http";
import { z } from "zod";
import { toHxlCsv, type Column } from "./hxl-csv.js";

export const FormatQuerySchema = z.object({
  format: z.enum(["json", "csv"]).default("json").describe("csv: the table with a second header row of HXL hashtags"),
});

/** Sends the JSON body, or its main table as HXL-tagged CSV. */
export function respond<Row>(
  reply: FastifyReply,
  format: "json" | "csv",
  body: unknown,
  table: { name: string; columns: Column<Row>[]; rows: Row[] },
): FastifyReply {
  if (format === "json") return reply.send(body);
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${table.name}.csv"`)
    .send(toHxlCsv(table.columns, table.rows));
}
