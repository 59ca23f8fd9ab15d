/**
 * The Node flags the ingest process starts with, wherever it is launched: `pnpm start`, the bench,
 * the ingest image's CMD (a test holds infra/docker/Dockerfile to this list). A submission of 1,000
 * records makes tens of MiB of short-lived objects (parsed body, refs, events, their JSON); with the
 * default 16 MiB semi-spaces most of them were copied out of the young generation before they died,
 * with 32 MiB they die there (decisions/0041). Costs up to 32 MiB more resident memory.
 */
export const INGEST_NODE_ARGS: readonly string[] = ["--max-semi-space-size=32"];
