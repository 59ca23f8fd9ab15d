import type { LoadProgress } from "../demo-data/load.js";

const n = (x: number) => Math.round(x).toLocaleString("en-IN");
const duration = (seconds: number) =>
  seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60).toLocaleString("en-IN")} min`;

/** One line of progress: how far, how fast, and roughly how long is left. */
export function progressLine(p: LoadProgress, expectedDistributions: number): string {
  const seconds = p.summary.elapsedMs / 1000;
  const at = `(${duration(seconds)})`;
  if (p.phase === "registrations") return `  registered ${n(p.done)} of ${n(p.total)} CBOs and donors ${at}`;
  if (p.phase === "funds") return `  recorded ${n(p.done)} of ${n(p.total)} funds ${at}`;
  const d = p.summary.distributions;
  const sent = d.recorded + d.replayed;
  const replayed = d.replayed > 0 ? ` (${n(d.replayed)} were there already)` : "";
  if (p.phase === "done") return `  loaded ${n(sent)} distributions${replayed} in ${duration(seconds)}`;
  const perSecond = seconds > 0 ? sent / seconds : 0;
  const toGo = expectedDistributions - sent;
  const left = perSecond > 0 && toGo > 0 ? `, about ${duration(toGo / perSecond)} to go` : "";
  const percent = Math.floor((100 * sent) / Math.max(1, expectedDistributions));
  return `  ${n(sent)} of ${n(expectedDistributions)} distributions (${percent}%)${replayed}, ${n(perSecond)} a second${left}`;
}

/** Prints a line every few seconds, and when a phase ends: enough to watch minutes of loading. */
export function printLoadProgress(expectedDistributions: number, everyMs = 5_000): (p: LoadProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    // Registrations and funds take seconds: their last line says enough. The submissions' last line
    // would repeat the "loaded" line that follows it.
    const due = p.phase === "submissions" ? p.done < p.total && now - last >= everyMs : p.done === p.total;
    if (!due) return;
    last = now;
    console.log(progressLine(p, expectedDistributions));
  };
}
