// What the upload page keeps across a reload, so sending resumes without recording anything
// twice: the ids it gave (each row's distributionId, each part's submissionId), which parts are
// recorded, and their receipts. Never a cell of the file: after a reload the person chooses the
// file again. Kept in localStorage, per CBO, and dropped when every part is recorded.

export interface PartState {
  submissionId: string;
  /** Indexes into the file's filled rows: [first, last). */
  from: number;
  to: number;
  status: "waiting" | "sending" | "recorded";
}

export interface Receipt {
  submissionId: string;
  cboId: string;
  count: number;
  valuePaise: number;
  firstPosition: string;
  lastPosition: string;
  replayed: boolean;
  recordedAt: string;
  /** The spreadsheet rows it holds. */
  firstRow: number;
  lastRow: number;
  fileName: string;
}

export interface SendState {
  version: 1;
  cboId: string;
  /** What identifies the file again after a reload: its name, size and number of filled rows. */
  file: { name: string; size: number; rows: number };
  /** The distributionId given to each filled row (by spreadsheet row), when the file has none. */
  distributionIds: Record<number, string>;
  parts: PartState[];
}

const stateKey = (cboId: string) => `ledger.desk.sending.${cboId}`;
const receiptsKey = (cboId: string) => `ledger.desk.receipts.${cboId}`;
/** Receipts kept on this device; older ones stay in the ledger, not here. */
const MAX_RECEIPTS = 200;

function read<T>(key: string): T | undefined {
  try {
    const text = globalThis.localStorage?.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

export const loadSendState = (cboId: string): SendState | undefined => {
  const state = read<SendState>(stateKey(cboId));
  return state?.version === 1 && state.cboId === cboId ? state : undefined;
};
export const saveSendState = (state: SendState): void =>
  globalThis.localStorage?.setItem(stateKey(state.cboId), JSON.stringify(state));
export const clearSendState = (cboId: string): void => globalThis.localStorage?.removeItem(stateKey(cboId));

export const loadReceipts = (cboId: string): Receipt[] => read<Receipt[]>(receiptsKey(cboId)) ?? [];
export function saveReceipt(receipt: Receipt): void {
  const others = loadReceipts(receipt.cboId).filter((r) => r.submissionId !== receipt.submissionId);
  globalThis.localStorage?.setItem(
    receiptsKey(receipt.cboId),
    JSON.stringify([receipt, ...others].slice(0, MAX_RECEIPTS)),
  );
}
