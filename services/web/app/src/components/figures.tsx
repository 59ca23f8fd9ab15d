import type { ComponentChildren } from "preact";
import { formatCount, formatRupees, hiddenPersonsLabel, rupeesInWords, type MaybeSuppressed } from "../format.js";
import { useT } from "../i18n.js";

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

/** Headline figures as labelled tiles, each `[label, test id of the figure, figure]`. */
export function Tiles(props: { testId: string; tiles: [label: string, testId: string, figure: ComponentChildren][] }) {
  return (
    <Terms
      class="tiles"
      testId={props.testId}
      terms={props.tiles.map(([label, testId, value]) => ({ label, testId, value }))}
    />
  );
}
