import { readModelCheckpoint, type openReadModel } from "@relief-ledger/projections";

export { cboIds, donorIds } from "@relief-ledger/projections";

export type ReadModel = ReturnType<typeof openReadModel>;

/** The position of the last event the model applied; "0" before any. */
export const checkpointOf = (db: ReadModel): string => readModelCheckpoint(db) ?? "0";
