import type { FastifyReply } from "@relief-ledger/http";
import { z } from "zod";
import { toHxlCsv, type Column } from "@relief-ledger/csv";

export const FormatQuerySchema = z.object({
  format: z.enum(["json", "csv"]).default("json").describe("csv: the table with a second header row of HXL hashtags"),
});

/** A route's main table, for `?format=csv`: the file's name and its columns and rows. */
export interface CsvTable<Row> {
  name: string;
  columns: Column<Row>[];
  rows: Row[];
}

/** What fastify sends for an object body, so a body serialised ahead reads the same. */
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * Sends the JSON body, or its main table as HXL-tagged CSV. A body whose JSON was made ahead
 * (a cached Snapshot) is sent as those bytes, without serialising it again.
 */
export function respond<Row>(
  reply: FastifyReply,
  format: "json" | "csv",
  body: { value: unknown; json?: Buffer },
  table: CsvTable<Row>,
): FastifyReply {
  if (format === "json") return body.json ? reply.type(JSON_TYPE).send(body.json) : reply.send(body.value);
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${table.name}.csv"`)
    .send(toHxlCsv(table.columns, table.rows));
}
