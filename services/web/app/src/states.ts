// The tile-grid map: one square per state or union territory, placed roughly where it lies, so a
// reader finds a state without boundary shapes (none are drawn, disputed or not). Names are in
// the translations (state.IN-KA …). The states themselves are the domain's (STATE_CODES).

import type { StateCode } from "@relief-ledger/domain/browser";

/** [column, row] of each ISO 3166-2:IN code on an 8 × 7 grid; the type makes it place every state the ledger knows. */
export const TILE_POSITIONS: Record<StateCode, readonly [number, number]> = {
  "IN-JK": [2, 0],
  "IN-LA": [3, 0],
  "IN-PB": [1, 1],
  "IN-HP": [2, 1],
  "IN-UK": [3, 1],
  "IN-SK": [5, 1],
  "IN-AR": [7, 1],
  "IN-CH": [1, 2],
  "IN-HR": [2, 2],
  "IN-DL": [3, 2],
  "IN-UP": [4, 2],
  "IN-BR": [5, 2],
  "IN-AS": [6, 2],
  "IN-NL": [7, 2],
  "IN-RJ": [1, 3],
  "IN-MP": [2, 3],
  "IN-CG": [3, 3],
  "IN-JH": [4, 3],
  "IN-WB": [5, 3],
  "IN-ML": [6, 3],
  "IN-MN": [7, 3],
  "IN-GJ": [0, 4],
  "IN-DH": [1, 4],
  "IN-MH": [2, 4],
  "IN-TS": [3, 4],
  "IN-OD": [4, 4],
  "IN-TR": [6, 4],
  "IN-MZ": [7, 4],
  "IN-GA": [1, 5],
  "IN-KA": [2, 5],
  "IN-AP": [3, 5],
  "IN-LD": [0, 6],
  "IN-KL": [1, 6],
  "IN-TN": [2, 6],
  "IN-PY": [3, 6],
  "IN-AN": [5, 6],
};

export const GRID_COLUMNS = 8;
export const GRID_ROWS = 7;
