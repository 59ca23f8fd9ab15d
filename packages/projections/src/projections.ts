import { attribution } from "./attribution/attribution.js";
import { distributions } from "./distributions/distributions.js";
import { flags } from "./flags/flags.js";
import { persons } from "./persons/persons.js";
import type { Projection } from "./projection.js";
import { registry } from "./registry/registry.js";
import { totals } from "./totals/totals.js";

/**
 * Every projection, in the order each event is applied and each batch settles: a projection
 * reads what those before it wrote (persons read distributions; totals read allocations).
 */
export const PROJECTIONS: readonly Projection[] = [registry, distributions, persons, attribution, totals, flags];
