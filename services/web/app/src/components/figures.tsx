import type { ComponentChildren } from "preact";
import { formatCount, formatRupees, hiddenPersonsLabel, rupeesInWords, type MaybeSuppressed } from "../format.js";
import { useT } from "../i18n.js";
import type { AREAS } from "../locales/index.js";

/** What stands where the API withheld a figure: why, in the reader's language. */
function Withheld(props: { label: string; reason?: string }) {
  return (
    <span class="suppressed" data-suppressed="true" data-reason={props.reason}>
      {props.label}
    </span>
  );
}

/**
 * A person count, or why the API withheld it: "fewer than 5" only where it says the row is small;
 * "hidden to protect a small group" where the row is hidden for another's sake (its size untold).
 */
export function Persons(props: { cell: MaybeSuppressed }) {
  const { t, language } = useT();
  const { persons, suppressedReason } = props.cell;
  if (persons === null)
    return <Withheld label={t(hiddenPersonsLabel(props.cell))} reason={suppressedReason ?? undefined} />;
  return <span data-value={persons}>{formatCount(persons, language)}</span>;
}

/** A count that may be suppressed (null) in a donor's view; `withheld` says why, where a page knows better. */
export function Count(props: { value: number | null; withheld?: string }) {
  const { t, language } = useT();
  if (props.value === null) return <Withheld label={props.withheld ?? t("figures.suppressed")} />;
  return <span data-value={props.value}>{formatCount(props.value, language)}</span>;
}

/** Money, or "hidden" where a donor's view suppressed the cell (its money is in the fund's small cells). */
export function Rupees(props: { paise: number | null }) {
  const { t, language } = useT();
  if (props.paise === null) return <Withheld label={t("figures.suppressed")} />;
  return <span data-paise={props.paise}>{formatRupees(props.paise, language)}</span>;
}

/** "Rs 68.2 crore" in the reader's language, with the exact amount for screen readers and hover. */
export function RupeesShort(props: { paise: number }) {
  const { t, language } = useT();
  const { unit, amount } = rupeesInWords(props.paise, language);
  const exact = formatRupees(props.paise, language);
  if (unit === "rupees") return <span data-paise={props.paise}>{exact}</span>;
  return (
    <span data-paise={props.paise} title={exact}>
      {t(`money.${unit}`, { amount })}
    </span>
  );
}

/** One labelled figure of a description list; `testId` and `field` mark its value for tests. */
export interface Term {
  label: string;
  value: ComponentChildren;
  testId?: string;
  field?: string;
}

/** Labelled figures as a description list: "tiles" for headline figures, "fund-figures" for a fund's. */
export function Terms(props: { class: string; testId?: string; terms: Term[] }) {
  return (
    <dl class={props.class} data-testid={props.testId}>
      {props.terms.map((term) => (
        <div key={term.testId ?? term.field ?? term.label}>
          <dt>{term.label}</dt>
          <dd data-testid={term.testId} data-field={term.field}>
            {term.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A field of a headline row that can be shown from its name alone, by the unit the name carries
 * (TigerBeetle style): `…Paise` is money, `persons` a person count the API may withhold, and any
 * other number a count (null where withheld).
 */
export type HeadlineField<Row> = {
  [K in keyof Row & string]: K extends `${string}Paise`
    ? Row[K] extends number
      ? K
      : never
    : K extends "persons"
      ? K
      : Row[K] extends number | null
        ? K
        : never;
}[keyof Row & string];

/** A field as its unit says: short rupees for money, persons with why they are withheld, else a count. */
function FieldFigure<Row extends MaybeSuppressed>(props: { row: Row; field: HeadlineField<Row> }) {
  const { row, field } = props;
  if (field === "persons") return <Persons cell={row} />;
  // HeadlineField admits a …Paise field only where it is a number, and any other only as a count.
  const value = row[field] as number | null;
  if (field.endsWith("Paise")) return <RupeesShort paise={value!} />;
  return <Count value={value} />;
}

/**
 * A page's headline: the named fields of its `overall` row as labelled tiles, in order, the list's
 * test id `<area>-overall`. A field's measure is its name without the unit (`attributedPaise` →
 * `attributed`): the tile's label is the area's string of that name (`donor.attributed`) and its
 * test id `overall-<measure>`.
 */
export function HeadlineTiles<Row extends MaybeSuppressed>(props: {
  area: (typeof AREAS)[number];
  overall: Row;
  fields: HeadlineField<Row>[];
}) {
  const { t } = useT();
  return (
    <Terms
      class="tiles"
      testId={`${props.area}-overall`}
      terms={props.fields.map((field) => {
        const measure = field.replace(/Paise$/, "");
        return {
          label: t(`${props.area}.${measure}`),
          testId: `overall-${measure}`,
          value: <FieldFigure row={props.overall} field={field} />,
        };
      })}
    />
  );
}
