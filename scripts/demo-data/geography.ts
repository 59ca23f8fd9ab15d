import type { StateCode } from "@relief-ledger/domain";

/**
 * The founding coalition's twelve states, with how many of its 107 CBOs each holds and districts
 * where CBOs of women in sex work are active. Telangana is IN-TS: the ledger accepts only the
 * 2023 codes, and IN-TG was retired.
 */
export const COALITION_STATES: readonly { state: StateCode; cbos: number; districts: readonly string[] }[] = [
  {
    state: "IN-KA",
    cbos: 16,
    districts: ["Bengaluru Urban", "Mysuru", "Mandya", "Belagavi", "Ballari", "Dharwad", "Kalaburagi", "Tumakuru"],
  },
  {
    state: "IN-MH",
    cbos: 15,
    districts: ["Mumbai Suburban", "Mumbai City", "Pune", "Sangli", "Satara", "Kolhapur", "Nagpur", "Solapur"],
  },
  {
    state: "IN-AP",
    cbos: 13,
    districts: ["East Godavari", "West Godavari", "Krishna", "Guntur", "Prakasam", "Visakhapatnam", "Chittoor"],
  },
  { state: "IN-TN", cbos: 11, districts: ["Chennai", "Madurai", "Coimbatore", "Tiruchirappalli", "Salem", "Erode"] },
  { state: "IN-TS", cbos: 10, districts: ["Hyderabad", "Warangal", "Karimnagar", "Khammam", "Nizamabad", "Nalgonda"] },
  {
    state: "IN-WB",
    cbos: 10,
    districts: ["Kolkata", "North 24 Parganas", "South 24 Parganas", "Howrah", "Hooghly", "Nadia", "Jalpaiguri"],
  },
  { state: "IN-UP", cbos: 8, districts: ["Lucknow", "Kanpur Nagar", "Agra", "Varanasi", "Prayagraj", "Meerut"] },
  { state: "IN-DL", cbos: 5, districts: ["Central Delhi", "North Delhi", "South Delhi", "East Delhi", "West Delhi"] },
  { state: "IN-BR", cbos: 5, districts: ["Patna", "Muzaffarpur", "Gaya", "Bhagalpur", "Purnia"] },
  { state: "IN-GJ", cbos: 5, districts: ["Ahmedabad", "Surat", "Vadodara", "Rajkot", "Bhavnagar"] },
  { state: "IN-KL", cbos: 5, districts: ["Thiruvananthapuram", "Ernakulam", "Kozhikode", "Thrissur", "Kollam"] },
  { state: "IN-RJ", cbos: 4, districts: ["Jaipur", "Jodhpur", "Ajmer", "Udaipur", "Kota"] },
];

export const FULL_CBO_COUNT = COALITION_STATES.reduce((sum, s) => sum + s.cbos, 0);

/**
 * How many CBOs each state gets when the coalition has `total`: in proportion to the founding
 * coalition (largest remainders), every state kept while there are enough CBOs to go round.
 */
export function cbosPerState(total: number): number[] {
  const weights = COALITION_STATES.map((s) => s.cbos);
  if (total < weights.length) return weights.map((_, i) => (i < total ? 1 : 0));
  const exact = weights.map((w) => (w * total) / FULL_CBO_COUNT);
  const counts = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) counts[byRemainder[k]!.i]!++;
  // A state raised to one CBO above may leave the total over: take back from the largest.
  while (left < 0) {
    const largest = counts.indexOf(Math.max(...counts));
    counts[largest]!--;
    left++;
  }
  return counts;
}
