import { RecordedSchema, type LedgerCommand, type Principal, type Role } from "@relief-ledger/domain";
import { refusals, requireRole, type RouteDoc, type RoutesPlugin } from "@relief-ledger/http";
import { z } from "zod";
import { commandContext, type IngestDeps } from "../deps.js";
import { WRITE_REFUSALS, handleCommand } from "../handle-command.js";

type IngestServer = Parameters<RoutesPlugin<IngestDeps>>[0];

/** What a request is made of once its schemas have parsed it, and who sent it. */
export interface CommandRequest<Params, Body> {
  params: Params;
  body: Body;
  principal: Principal;
}

/**
 * A write route that is one command: the role is checked before the body is read, the body (and
 * the URL's ids) parsed by their schemas, the command handled, and the answer 201 with what was
 * recorded. What differs between such routes is only this.
 */
export interface CommandRoute<Params extends z.ZodType, Body extends z.ZodType> {
  method: "POST" | "PUT";
  url: string;
  role: Role;
  /** The OpenAPI words, from `doc(tag, summary)`, with a description where a summary is not enough. */
  doc: RouteDoc & { description?: string };
  params?: Params;
  body: Body;
  /** Written once per id: the same id with other content is a 409 (see writeRule). */
  writtenOnce?: true;
  command: (request: CommandRequest<z.infer<Params>, z.infer<Body>>) => LedgerCommand;
  /** The id the answer names beside what was recorded: a field of the URL's ids or of the body. */
  answers?: NoInfer<keyof (z.infer<Params> & z.infer<Body>) & string>;
}

/**
 * A spec of a command route, its types checked where it is written: `commandRoute({ … })`.
 * (A list of specs loses each one's own params and body types.)
 */
export const commandRoute = <Params extends z.ZodType, Body extends z.ZodType>(
  route: CommandRoute<Params, Body>,
): AnyCommandRoute => route;

type AnyCommandRoute = CommandRoute<z.ZodType, z.ZodType>;

/** An ingest plugin of write routes, each one command (see CommandRoute). */
export const commandRoutes =
  (...routes: AnyCommandRoute[]): RoutesPlugin<IngestDeps> =>
  async (app, deps) => {
    for (const route of routes) addCommandRoute(app, deps, route);
  };

function addCommandRoute(app: IngestServer, deps: IngestDeps, route: AnyCommandRoute): void {
  const { answers } = route;
  const recorded = answers === undefined ? RecordedSchema : RecordedSchema.extend({ [answers]: z.string() });
  app.route({
    method: route.method,
    url: route.url,
    onRequest: requireRole(route.role),
    schema: {
      ...route.doc,
      ...(route.params && { params: route.params }),
      body: route.body,
      response: { 201: recorded, ...refusals(...(route.writtenOnce ? [409 as const] : []), ...WRITE_REFUSALS) },
    },
    handler: async (request, reply) => {
      const { principal, metadata } = commandContext(request);
      const parsed = { params: request.params, body: request.body, principal };
      const command = route.command(parsed);
      const outcome = await handleCommand(deps, command, metadata);
      const ids = { ...(parsed.body as object), ...(parsed.params as object) } as Record<string, unknown>;
      const id = answers === undefined ? {} : { [answers]: ids[answers] };
      return reply.status(201).send({ ...id, ...outcome });
    },
  });
}
