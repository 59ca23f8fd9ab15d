import type { Position } from "@eventstore/db-client";

const U64 = (1n << 64n) - 1n;

/**
 * EventStoreDB orders $all by (commit, prepare); events of one append share a commit position.
 * Packing both into one bigint keeps that order under plain `<` and round-trips exactly.
 */
export const encodePosition = ({ commit, prepare }: Position): bigint => (commit << 64n) | prepare;

export const decodePosition = (position: bigint): Position => ({ commit: position >> 64n, prepare: position & U64 });
