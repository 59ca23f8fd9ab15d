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

/** What people call each service, in English, for exports (a CSV's sector names). */
export const SERVICE_NAMES: Record<Service, string> = {
  cooked_food: "Cooked food",
  grocery_kit: "Grocery kit",
  direct_bank_transfer: "Direct bank transfer",
  cash_benefit: "Cash benefit",
  art_medicine: "ART medicine",
  health_referral: "Health referral",
  gas_cylinder: "Gas cylinder",
  masks_sanitizers: "Masks and sanitizers",
};

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
