// Every string on every page, one file per language and page area, so pages are translated (and
// changed) apart. A test checks each language has exactly the keys English has, and that no two
// areas define the same top-level key.

import en_common from "./en/common.json" with { type: "json" };
import en_coalition from "./en/coalition.json" with { type: "json" };
import en_donor from "./en/donor.json" with { type: "json" };
import en_statement from "./en/statement.json" with { type: "json" };
import en_desk from "./en/desk.json" with { type: "json" };
import en_auditor from "./en/auditor.json" with { type: "json" };
import hi_common from "./hi/common.json" with { type: "json" };
import hi_coalition from "./hi/coalition.json" with { type: "json" };
import hi_donor from "./hi/donor.json" with { type: "json" };
import hi_statement from "./hi/statement.json" with { type: "json" };
import hi_desk from "./hi/desk.json" with { type: "json" };
import hi_auditor from "./hi/auditor.json" with { type: "json" };
import bn_common from "./bn/common.json" with { type: "json" };
import bn_coalition from "./bn/coalition.json" with { type: "json" };
import bn_donor from "./bn/donor.json" with { type: "json" };
import bn_statement from "./bn/statement.json" with { type: "json" };
import bn_desk from "./bn/desk.json" with { type: "json" };
import bn_auditor from "./bn/auditor.json" with { type: "json" };

export const AREAS = ["common", "coalition", "donor", "statement", "desk", "auditor"] as const;

const BY_LANGUAGE = {
  en: [en_common, en_coalition, en_donor, en_statement, en_desk, en_auditor],
  hi: [hi_common, hi_coalition, hi_donor, hi_statement, hi_desk, hi_auditor],
  bn: [bn_common, bn_coalition, bn_donor, bn_statement, bn_desk, bn_auditor],
} as const;

type Resource = Record<string, unknown>;
type Merged<T extends readonly object[]> = T extends readonly [infer Head, ...infer Rest extends readonly object[]]
  ? Head & Merged<Rest>
  : unknown;

/** The areas of one language merged into one i18next resource; an area may not redefine another's key. */
function merge<T extends readonly Resource[]>(areas: T): Merged<T> {
  const merged: Resource = {};
  for (const area of areas)
    for (const [key, value] of Object.entries(area)) {
      if (key in merged) throw new Error(`two locale areas define "${key}"`);
      merged[key] = value;
    }
  return merged as Merged<T>;
}

export const en = merge(BY_LANGUAGE.en);
export const hi = merge(BY_LANGUAGE.hi);
export const bn = merge(BY_LANGUAGE.bn);
