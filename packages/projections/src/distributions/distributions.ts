import type { DistributionRecorded, DistributionVoided } from "@relief-ledger/domain";
import type { Dirty } from "../dirty.js";
import { BY_POSITION, positionText, type Projection } from "../projection.js";
import { DISTRIBUTIONS_SCHEMA } from "./schema.js";

/**
 * The base every other projection reads. A distributionId seen again is not counted again but
 * reported to auditors with both positions. A void is kept even when it comes before its record,
 * so the outcome depends on which events exist, not on the order they were appended in.
 */
export const distributions: Projection = {
  name: "distributions",
  schema: DISTRIBUTIONS_SCHEMA,
  tables: [
    "distributions",
    "distribution_pseudonyms",
    { table: "repeated_distributions", orderBy: BY_POSITION("position") },
    "voids",
  ],
  open(db) {
    const q = {
      firstPosition: db
        .prepare<[string], string>("SELECT position FROM distributions WHERE distribution_id = ?")
        .pluck(),
      isVoided: db.prepare<[string], number>("SELECT 1 FROM voids WHERE distribution_id = ?").pluck(),
      insert: db.prepare(
        `INSERT INTO distributions (distribution_id, position, submission_id, cbo_id, service, distributed_on, month,
           quantity, value_paise, funding_kind, fund_id, scheme, district, voided)
         VALUES (@distributionId, @position, @submissionId, @cboId, @service, @distributedOn, @month,
           @quantity, @valuePaise, @fundingKind, @fundId, @scheme, @district, @voided)`,
      ),
      pseudonym: db.prepare("INSERT INTO distribution_pseudonyms VALUES (?, ?, ?, ?)"),
      repeat: db.prepare("INSERT INTO repeated_distributions VALUES (?, ?, ?, ?, ?)"),
      addVoid: db.prepare("INSERT OR IGNORE INTO voids VALUES (?, ?, ?, ?)"),
      markVoided: db.prepare("UPDATE distributions SET voided = 1 WHERE distribution_id = ? AND voided = 0"),
    };

    const record = (d: DistributionRecorded, position: string, dirty: Dirty) => {
      const first = q.firstPosition.get(d.distributionId);
      if (first !== undefined) {
        q.repeat.run(position, d.distributionId, first, d.submissionId, d.cboId);
        return;
      }
      const voided = q.isVoided.get(d.distributionId) === undefined ? 0 : 1;
      const f = d.funding;
      q.insert.run({
        distributionId: d.distributionId,
        position,
        submissionId: d.submissionId,
        cboId: d.cboId,
        service: d.service,
        distributedOn: d.distributedOn,
        month: d.distributedOn.slice(0, 7),
        quantity: d.quantity,
        valuePaise: d.valuePaise,
        fundingKind: f.kind,
        district: d.district ?? null,
        voided,
        fundId: f.kind === "fund" ? f.fundId : null,
        scheme: f.kind === "scheme" ? f.scheme : null,
      });
      for (const b of d.beneficiaries) q.pseudonym.run(b.pseudonym, d.distributionId, b.type, b.keyId);
      if (voided === 0) dirty.counted.add(d.distributionId);
    };

    // The store makes a second void of one distribution a conflict; should one slip through, the first stands.
    const voidIt = (v: DistributionVoided, position: string, dirty: Dirty) => {
      if (q.addVoid.run(v.distributionId, position, v.cboId, v.reason).changes === 0) return;
      if (q.markVoided.run(v.distributionId).changes > 0) dirty.counted.add(v.distributionId);
    };

    return {
      apply(event, dirty) {
        if (event.type === "DistributionRecorded") record(event.data, positionText(event.position), dirty);
        else if (event.type === "DistributionVoided") voidIt(event.data, positionText(event.position), dirty);
      },
    };
  },
};
