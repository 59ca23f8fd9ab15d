import { formatRupees } from "../format.js";
import { useT } from "../i18n.js";
import { STATE_CODES } from "@relief-ledger/domain/browser";
import { TILE_POSITIONS } from "../states.js";

/**
 * India as a grid of squares, one per state or union territory, shaded by value. Each square
 * says its state and amount in words, for screen readers and at 360 px where colour alone
 * would not do; a state with nothing is shown pale, so the map's shape stays.
 */
export function TileGrid(props: { paiseByState: ReadonlyMap<string, number>; label: string }) {
  const { t, language } = useT();
  const max = Math.max(0, ...props.paiseByState.values());
  const level = (paise: number) => (paise <= 0 || max === 0 ? 0 : Math.min(4, 1 + Math.floor((paise / max) * 3.999)));
  return (
    <ul class="tile-grid" aria-label={props.label} data-testid="tile-grid">
      {STATE_CODES.map((code) => {
        const [column, row] = TILE_POSITIONS[code];
        const paise = props.paiseByState.get(code) ?? 0;
        const name = t(`state.${code}`);
        return (
          <li
            class={`tile c${column} r${row} lvl${level(paise)}`}
            data-state={code}
            data-paise={paise}
            aria-label={`${name}: ${formatRupees(paise, language)}`}
            title={`${name}: ${formatRupees(paise, language)}`}
          >
            <span aria-hidden="true">{code.slice(3)}</span>
          </li>
        );
      })}
    </ul>
  );
}
