import { Readable } from "node:stream";

/**
 * A request body of `totalBytes` made on demand, 64 KiB at a time, that counts what the server
 * pulled from it: a service that stops reading leaves most of it unmade.
 */
export function meteredBody(totalBytes: number, fill = "a") {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let pulledBytes = 0;
  const stream = new Readable({
    read() {
      if (pulledBytes >= totalBytes) return void this.push(null);
      const next = chunk.subarray(0, Math.min(chunk.length, totalBytes - pulledBytes));
      pulledBytes += next.length;
      this.push(next);
    },
  });
  return { stream, pulledBytes: () => pulledBytes };
}

export const MiB = 1024 * 1024;
