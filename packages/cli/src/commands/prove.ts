import { writeFileSync } from "node:fs";
import { proveConsistency, proveEvent } from "@relief-ledger/audit";
import type { EventStore } from "@relief-ledger/event-store";
import type { Command } from "commander";
import { usageError, type Io } from "../io.js";
import { readText } from "../audit/files.js";
import { openIndex, openStore, storeLocation } from "../audit/locations.js";
import { auditRefusal } from "../audit/refusal.js";

interface ProveFlags {
  store?: string;
  index: string;
  headSize?: string;
  distribution?: string;
  publicKey?: string;
  out: string;
}

function sizeOf(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text)) throw usageError(`${flag} must be a whole number`);
  return Number(text);
}

async function withLedger<T>(flags: ProveFlags, io: Io, work: (opened: Opened) => Promise<T>): Promise<T> {
  const index = openIndex(flags.index, { readonly: true });
  const store = openStore(storeLocation(flags.store, io.env), true);
  const publicKeyPem = flags.publicKey === undefined ? undefined : readText(flags.publicKey, "the public key file");
  try {
    return await work({ store, index, ...(publicKeyPem && { publicKeyPem }) });
  } catch (error) {
    throw auditRefusal(error);
  } finally {
    index.close();
    await store.close();
  }
}
type Opened = Omit<Parameters<typeof proveEvent>[0], "eventId">;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The id of the event that recorded a distribution: a receipt names the distribution, not the
 * event. One pass over the log a page at a time (memory stays flat), no read model needed.
 */
async function eventOfDistribution(store: EventStore, distributionId: string): Promise<string> {
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, maxCount: 1_000 });
    const found = page.events.find(
      (event) => event.type === "DistributionRecorded" && event.data.distributionId === distributionId,
    );
    if (found) return found.id;
    if (page.isEnd) throw new Error(`no distribution ${distributionId} is recorded in the ledger`);
    after = page.next;
  }
}

async function prove(eventIdArgument: string | undefined, flags: ProveFlags, io: Io): Promise<void> {
  const headSize = sizeOf(flags.headSize, "--head-size");
  if ((eventIdArgument === undefined) === (flags.distribution === undefined)) {
    throw usageError("give an event id or --distribution <distributionId>, one of the two");
  }
  if (flags.distribution !== undefined && !UUID.test(flags.distribution)) {
    throw usageError("--distribution must be a distribution id (a lowercase UUID)");
  }
  let eventId = eventIdArgument ?? "";
  const bundle = await withLedger(flags, io, async (opened) => {
    if (flags.distribution !== undefined) eventId = await eventOfDistribution(opened.store, flags.distribution);
    return proveEvent({ ...opened, eventId, ...(headSize !== undefined && { headSize }) });
  });
  writeFileSync(flags.out, JSON.stringify(bundle, null, 2) + "\n");
  io.stdout.write(
    `Wrote the proof that event ${eventId} is leaf ${bundle.leafIndex} of the ${bundle.treeSize}-event ledger ` +
      `signed by ${bundle.head.keyId} to ${flags.out}.\n`,
  );
}

async function proveGrowth(flags: ProveFlags & { from: string; to?: string }, io: Io): Promise<void> {
  const fromSize = sizeOf(flags.from, "--from") ?? 0;
  const toSize = sizeOf(flags.to, "--to");
  const bundle = await withLedger(flags, io, (opened) =>
    proveConsistency({ ...opened, fromSize, ...(toSize !== undefined && { toSize }) }),
  );
  writeFileSync(flags.out, JSON.stringify(bundle, null, 2) + "\n");
  io.stdout.write(
    `Wrote the proof that the ${bundle.to.treeSize}-event ledger extends the ${bundle.from.treeSize}-event one to ${flags.out}.\n`,
  );
}

export function proveCommands(program: Command, io: Io): void {
  const common = (command: Command) =>
    command
      .option("--store <location>", "the event store (default: $LEDGER_STORE)")
      .requiredOption("--index <file>", "the Merkle index")
      .option("--public-key <file>", "a PEM public key to embed, for convenience (checkers use their own)")
      .requiredOption("--out <file>", "where to write the proof bundle (JSON)");
  common(
    program
      .command("prove")
      .description("Write an offline proof that one event is in the signed ledger (auditors)")
      .argument("[eventId]", "the event's id")
      .option("--distribution <id>", "prove the event that recorded this distribution (the id on a receipt)")
      .option("--head-size <n>", "prove against the signed head of this size (default: the latest covering it)"),
  ).action((eventId: string | undefined, flags: ProveFlags) => prove(eventId, flags, io));
  common(
    program
      .command("prove-consistency")
      .description("Write an offline proof that a later signed head extends an earlier one (auditors)")
      .requiredOption("--from <n>", "the size of the earlier signed head")
      .option("--to <n>", "the size of the later signed head (default: the latest)"),
  ).action((flags: ProveFlags & { from: string; to?: string }) => proveGrowth(flags, io));
}
