import type { DonorKind, Service } from "@relief-ledger/domain";

/**
 * The DAC 5-digit purpose code (IATI sector vocabulary 1) each service is reported under. Checked
 * against IATI's Sector codelist in the tests; docs/decisions explains each choice.
 */
export const SERVICE_SECTORS = {
  cooked_food: { code: "72040", name: "Emergency food assistance" },
  grocery_kit: { code: "72040", name: "Emergency food assistance" },
  direct_bank_transfer: { code: "16010", name: "Social Protection" },
  cash_benefit: { code: "16010", name: "Social Protection" },
  art_medicine: { code: "13040", name: "STD control including HIV/AIDS" },
  health_referral: { code: "12220", name: "Basic health care" },
  gas_cylinder: { code: "72010", name: "Material relief assistance and services" },
  masks_sanitizers: { code: "12250", name: "Infectious disease control" },
} as const satisfies Record<Service, { code: string; name: string }>;

/** Where a service is unknown (a newer ledger than this map), the sector is left out, never guessed. */
export const sectorOf = (service: string): { code: string; name: string } | undefined =>
  Object.hasOwn(SERVICE_SECTORS, service) ? SERVICE_SECTORS[service as Service] : undefined;

/** The IATI OrganisationType for each donor kind the ledger records. */
export const DONOR_KIND_ORGANISATION_TYPES: Record<DonorKind, string> = {
  individual: "90",
  ngo: "22",
  trust: "60",
  foundation: "60",
  religious: "90",
  corporate: "70",
  government: "10",
  other: "90",
};
