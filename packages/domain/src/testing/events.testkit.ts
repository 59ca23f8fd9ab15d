import type { EventData, EventType } from "../events/catalogue.js";
import type { EventMetadata } from "../events/metadata.js";

export const IDS = {
  submission: "01939f2e-8b1a-7c3d-8e4f-0123456789ab",
  distribution: "01939f2e-8b1a-7c3d-9e4f-0123456789ac",
  fund: "01939f2e-8b1a-7c3d-ae4f-0123456789ad",
} as const;

const PSEUDONYM = "3f".repeat(32);

/** One valid data example of every v1 event. */
export const EXAMPLE_DATA: { [T in EventType]: EventData<T> } = {
  CboRegistered: { cboId: "sangama-blr", name: "Sangama", state: "IN-KA", district: "Bengaluru Urban" },
  DonorRegistered: { donorId: "azim-premji-fdn", name: "Azim Premji Foundation", kind: "foundation" },
  FundsReceived: {
    fundId: IDS.fund,
    donorId: "azim-premji-fdn",
    cboId: "sangama-blr",
    amountPaise: 50_000_000,
    receivedOn: "2020-04-02",
    restrictedTo: ["grocery_kit", "cooked_food"],
    reference: "UTR HDFC0001234",
  },
  DistributionRecorded: {
    distributionId: IDS.distribution,
    submissionId: IDS.submission,
    cboId: "sangama-blr",
    service: "grocery_kit",
    beneficiaries: [{ type: "aadhaar", pseudonym: PSEUDONYM, keyId: "pk-2020" }],
    quantity: 1,
    valuePaise: 120_000,
    funding: { kind: "fund", fundId: IDS.fund },
    distributedOn: "2020-04-10",
    district: "Bengaluru Rural",
  },
  DistributionVoided: { distributionId: IDS.distribution, cboId: "sangama-blr", reason: "entered twice" },
  DedupPolicySet: { rules: { art_medicine: { windowDays: 28, maxPerWindow: 1 }, gas_cylinder: null } },
  DuplicateFlagResolved: { flagId: IDS.distribution, verdict: "dismissed", note: "two members share a phone" },
  FlagNoteAdded: {
    flagId: IDS.distribution,
    cboId: "sangama-blr",
    note: "her sister collected the second kit for her",
  },
  LedgerHeadSigned: { treeSize: 42, rootHash: "ab".repeat(32), keyId: "head-2025", signature: "cd".repeat(64) },
};

export const EXAMPLE_METADATA: EventMetadata = {
  recordedAt: "2025-01-15T09:30:00.000Z",
  principal: { role: "cbo", keyId: "key-sangama-1", cboId: "sangama-blr" },
  correlationId: "req-7f3a",
  schemaVersion: 1,
};
