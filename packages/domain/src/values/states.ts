import { z } from "zod";

/**
 * The 28 states and 8 union territories of ISO 3166-2:IN as revised in 2023 (IN-CG, IN-TS and
 * IN-UK replaced IN-CT, IN-TG and IN-UT; IN-DH merged IN-DN and IN-DD in 2020). Retired codes are
 * rejected rather than mapped, so a state is never split across two codes in a report.
 */
export const INDIAN_STATES = {
  "IN-AP": "Andhra Pradesh",
  "IN-AR": "Arunachal Pradesh",
  "IN-AS": "Assam",
  "IN-BR": "Bihar",
  "IN-CG": "Chhattisgarh",
  "IN-GA": "Goa",
  "IN-GJ": "Gujarat",
  "IN-HR": "Haryana",
  "IN-HP": "Himachal Pradesh",
  "IN-JH": "Jharkhand",
  "IN-KA": "Karnataka",
  "IN-KL": "Kerala",
  "IN-MP": "Madhya Pradesh",
  "IN-MH": "Maharashtra",
  "IN-MN": "Manipur",
  "IN-ML": "Meghalaya",
  "IN-MZ": "Mizoram",
  "IN-NL": "Nagaland",
  "IN-OD": "Odisha",
  "IN-PB": "Punjab",
  "IN-RJ": "Rajasthan",
  "IN-SK": "Sikkim",
  "IN-TN": "Tamil Nadu",
  "IN-TS": "Telangana",
  "IN-TR": "Tripura",
  "IN-UP": "Uttar Pradesh",
  "IN-UK": "Uttarakhand",
  "IN-WB": "West Bengal",
  "IN-AN": "Andaman and Nicobar Islands",
  "IN-CH": "Chandigarh",
  "IN-DH": "Dadra and Nagar Haveli and Daman and Diu",
  "IN-DL": "Delhi",
  "IN-JK": "Jammu and Kashmir",
  "IN-LA": "Ladakh",
  "IN-LD": "Lakshadweep",
  "IN-PY": "Puducherry",
} as const;

export type StateCode = keyof typeof INDIAN_STATES;

export const STATE_CODES = Object.keys(INDIAN_STATES) as [StateCode, ...StateCode[]];

export const StateCodeSchema = z.enum(STATE_CODES, "must be an ISO 3166-2:IN state or union territory code");
