import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./testing/harness.testkit.js";
import { MiB } from "./testing/metered-body.testkit.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(() => h.close());

/**
 * A client that declares a huge body and keeps sending it whatever the answer, as a flood would:
 * how many bytes it gets onto the wire before the service stops taking them.
 */
async function floodUnauthenticated(declaredBytes: number) {
  const port = (h.app.server.address() as { port: number }).port;
  const chunk = Buffer.alloc(64 * 1024, "a");
  let sentBytes = 0;
  let status: number | undefined;
  let connection: string | undefined;
  await new Promise<void>((resolve) => {
    const req = request(
      {
        port,
        host: "127.0.0.1",
        method: "POST",
        path: "/v1/submissions",
        headers: { "content-type": "application/json", "content-length": String(declaredBytes) },
      },
      (res) => {
        status = res.statusCode;
        connection = res.headers.connection;
        res.resume();
      },
    );
    req.on("error", () => resolve());
    req.on("close", () => resolve());
    const pump = () => {
      while (sentBytes < declaredBytes) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
  return { status, connection, sentBytes };
}

describe("an unauthenticated flood on a real socket", () => {
  it("is answered 401 and cut off, not drained", async () => {
    const declaredBytes = 512 * MiB;
    const flood = await floodUnauthenticated(declaredBytes);
    expect(flood.status).toBe(401);
    expect(flood.connection).toBe("close");
    // What the kernel's socket buffers hold is all the service ever takes of it.
    expect(flood.sentBytes).toBeLessThan(64 * MiB);
  });
});
