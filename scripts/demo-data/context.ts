import { SERVICES, type Service } from "@relief-ledger/domain";
import { dateOf, periodEnding, type Period } from "./calendar.js";
import { monthWeight, type Rates } from "./profiles.js";
import type { ScheduleContext } from "./schedule.js";
import type { CboSpec, Coalition, LateMonth } from "./types.js";

export interface ContextParts {
  seed: number;
  today: string;
  months: number;
  rates: Rates;
  cbos: readonly CboSpec[];
  funds: readonly { fundId: string; cboId: string; restrictedTo?: readonly Service[] }[];
  lateMonths: readonly LateMonth[];
}

/** The month key (YYYY-MM) of each month of the period. */
export const monthKeys = (period: Period): string[] => period.monthStarts.map((day) => dateOf(day).slice(0, 7));

/** Everything scheduling needs, rebuilt from the plain description alone. */
export function scheduleContext(parts: ContextParts): ScheduleContext {
  const period = periodEnding(parts.today, parts.months);
  const cboIndex = new Map(parts.cbos.map((c, i) => [c.registration.cboId, i]));
  const fundsFor = parts.cbos.map(() => Object.fromEntries(SERVICES.map((s) => [s, [] as string[]])));
  for (const fund of parts.funds) {
    for (const service of fund.restrictedTo ?? SERVICES)
      fundsFor[cboIndex.get(fund.cboId)!]![service]!.push(fund.fundId);
  }
  const keys = monthKeys(period);
  const delays = new Uint8Array(parts.cbos.length * parts.months);
  for (const late of parts.lateMonths) {
    delays[cboIndex.get(late.cboId)! * parts.months + keys.indexOf(late.month)] = late.delayMonths;
  }
  return {
    seed: parts.seed,
    period,
    rates: parts.rates,
    cboIndex,
    states: parts.cbos.map((c) => c.registration.state),
    fundsFor: fundsFor as Record<Service, string[]>[],
    monthWeights: period.monthStarts.map((_, i) => monthWeight(i)),
    delays,
  };
}

export const contextOf = (coalition: Coalition): ScheduleContext => scheduleContext(coalition);
