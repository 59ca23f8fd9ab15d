import { z } from "zod";

/** What people call each service, in English, for exports (a CSV's sector names). Its keys are the services. */
export const SERVICE_NAMES = {
  cooked_food: "Cooked food",
  grocery_kit: "Grocery kit",
  direct_bank_transfer: "Direct bank transfer",
  cash_benefit: "Cash benefit",
  art_medicine: "ART medicine",
  health_referral: "Health referral",
  gas_cylinder: "Gas cylinder",
  masks_sanitizers: "Masks and sanitizers",
} as const satisfies Record<string, string>;

export type Service = keyof typeof SERVICE_NAMES;
/** Every service, in the order above (object keys that are not numbers keep their order). */
export const SERVICES: readonly [Service, ...Service[]] = Object.keys(SERVICE_NAMES) as [Service, ...Service[]];
export const ServiceSchema = z.enum(SERVICES);

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
