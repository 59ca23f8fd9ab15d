import type { ComponentChildren } from "preact";
import { formatCount, formatRupees, hiddenPersonsLabel, rupeesInWords, type MaybeSuppressed } from "../format.js";
import { useT } from "../i18n.js";

/**
 * A person count, or why the API withheld it: "fewer than 5" only where it says the row is small;
 * "hidden to protect a small group" where the row is hidden for another's sake (its size untold).
 */
export function Persons(props: { cell: MaybeSuppressed }) {
  const { t, language } = useT();
  if (props.cell.persons === null)
    return (
      <span class="suppressed" data-suppressed="true" data-reason={props.cell.suppressedReason ?? undefined}>
        {t(hiddenPersonsLabel(props.cell))}
      </span>
    );
  return <span data-value={props.cell.persons}>{formatCount(props.cell.persons, language)}</span>;
}

/** A count that may be suppressed (null) in a donor's view. */
export function Count(props: { value: number | null }) {
  const { t, language } = useT();
  if (props.value === null)
    return (
      <span class="suppressed" data-suppressed="true">
        {t("figures.suppressed")}
      </span>
    );
  return <span data-value={props.value}>{formatCount(props.value, language)}</span>;
}

/** Money, or "hidden" where a donor's view suppressed the cell (its money is in the fund's small cells). */
export function Rupees(props: { paise: number | null }) {
  const { t, language } = useT();
  if (props.paise === null)
    return (
      <span class="suppressed" data-suppressed="true">
        {t("figures.suppressed")}
      </span>
    );
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

/** Headline figures as labelled tiles, each `[label, test id of the figure, figure]`. */
export function Tiles(props: { testId: string; tiles: [label: string, testId: string, figure: ComponentChildren][] }) {
  return (
    <dl class="tiles" data-testid={props.testId}>
      {props.tiles.map(([label, testId, figure]) => (
        <div key={testId}>
          <dt>{label}</dt>
          <dd data-testid={testId}>{figure}</dd>
        </div>
      ))}
    </dl>
  );
}
