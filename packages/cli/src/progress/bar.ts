import cliProgress from "cli-progress";
import type { Output } from "../io.js";

/**
 * The one progress bar of the CLI, on stderr (stdout stays the command's answer). `format` uses
 * cli-progress tokens ({bar}, {value}, {total}, {percentage}, {eta_formatted}) and the payload's.
 */
export function startBar(
  stderr: Output,
  format: string,
  total: number,
  formatValue: (value: number) => string,
  payload: Record<string, string>,
): cliProgress.SingleBar {
  const bar = new cliProgress.SingleBar(
    {
      stream: stderr as unknown as NodeJS.WritableStream,
      format,
      formatValue: (value, _options, type) =>
        type === "value" || type === "total" ? formatValue(value) : String(value),
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, payload);
  return bar;
}
