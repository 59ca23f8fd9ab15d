import type { FundAttribution } from "../api.js";

export interface FlowNode {
  kind: "donor" | "fund" | "cbo" | "service" | "hidden";
  id: string;
  /** Unique across kinds, for the Sankey's node names. */
  key: string;
}
export interface Flow {
  from: FlowNode;
  to: FlowNode;
  paise: number;
}

const node = (kind: FlowNode["kind"], id: string): FlowNode => ({ kind, id, key: `${kind}:${id}` });

/**
 * The money's path, donor → fund → CBO → service, from the funds' attributed cells as the API
 * gave them: each fund's flows out add up to what it attributed. A donor key's suppressed cells
 * show no money of their own; their sum goes to one "small cells" node per fund, so the flows
 * still add up without placing any hidden cell. Money only.
 */
export function fundFlows(funds: readonly FundAttribution[]): Flow[] {
  const flows = new Map<string, Flow>();
  const add = (from: FlowNode, to: FlowNode, paise: number) => {
    if (paise <= 0) return;
    const key = `${from.key}>${to.key}`;
    const flow = flows.get(key) ?? { from, to, paise: 0 };
    flow.paise += paise;
    flows.set(key, flow);
  };
  for (const fund of funds) {
    const donor = node("donor", "donor");
    const fundNode = node("fund", fund.fundId);
    add(donor, fundNode, fund.suppressedPaise);
    add(fundNode, node("hidden", fund.fundId), fund.suppressedPaise);
    for (const cell of fund.cells) {
      if (cell.paise === null) continue;
      add(donor, fundNode, cell.paise);
      add(fundNode, node("cbo", cell.cboId), cell.paise);
      add(node("cbo", cell.cboId), node("service", cell.service), cell.paise);
    }
  }
  return [...flows.values()];
}
