import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** Rewrites one answer's body (path includes the query string); undefined leaves it as it was. */
export type Rewrite = (path: string, body: string) => string | undefined;

export interface TamperProxy {
  url: string;
  /** Where requests go; set once the real service is up. */
  upstream: string;
  /** The lie to tell, or undefined to pass every answer through unchanged. */
  rewrite: Rewrite | undefined;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A real HTTP proxy that a test puts between the web service and the query service, to play a
 * dishonest server: it forwards every request and can rewrite the answers it chooses.
 */
export async function startTamperProxy(): Promise<TamperProxy> {
  const proxy: TamperProxy = {
    url: "",
    upstream: "",
    rewrite: undefined,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, reply) => {
    void (async () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string" && entry[0] !== "host",
        ),
      );
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await bodyOf(request);
      const answer = await fetch(`${proxy.upstream}${request.url}`, { method: request.method, headers, body });
      let text = await answer.text();
      if (answer.ok) text = proxy.rewrite?.(request.url ?? "", text) ?? text;
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name)) out[name] = value;
      });
      reply.writeHead(answer.status, out).end(text);
    })().catch(() => reply.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
