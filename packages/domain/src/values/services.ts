import { z } from "zod";

export const SERVICES = [
  "cooked_food",
  "grocery_kit",
  "direct_bank_transfer",
  "cash_benefit",
  "art_medicine",
  "health_referral",
  "gas_cylinder",
  "masks_sanitizers",
] as const;

export const ServiceSchema = z.enum(SERVICES);
export type Service = z.infer<typeof ServiceSchema>;

export const DONOR_KINDS = [
  "individual",
  "ngo",
  "trust",
  "foundation",
  "religious",
  "corporate",
  "government",
  "other",
] as const;

export const DonorKindSchema = z.enum(DONOR_KINDS);
export type DonorKind = z.infer<typeof DonorKindSchema>;
