import { z } from "zod";
import { CboIdSchema, DonorIdSchema } from "../values/ids.js";
import { DonorKindSchema } from "../values/services.js";
import { StateCodeSchema } from "../values/states.js";
import { DISTRICT_MAX, ORG_NAME_MAX, storedText } from "../values/text.js";

// Names here are of organisations, which donors are meant to see; no event holds a member's name.

export const CboRegisteredSchema = z.strictObject({
  cboId: CboIdSchema,
  name: storedText(ORG_NAME_MAX),
  state: StateCodeSchema,
  district: storedText(DISTRICT_MAX),
});

export const DonorRegisteredSchema = z.strictObject({
  donorId: DonorIdSchema,
  name: storedText(ORG_NAME_MAX),
  kind: DonorKindSchema,
});

export type CboRegistered = z.infer<typeof CboRegisteredSchema>;
export type DonorRegistered = z.infer<typeof DonorRegisteredSchema>;
