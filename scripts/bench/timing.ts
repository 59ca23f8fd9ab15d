/** Runs `fn` and returns its rate in units per second. */
export async function rate(units: number, fn: () => Promise<void> | void): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return units / seconds;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Alternates subject and reference for `rounds` rounds, so drift on a shared machine hits both. */
export async function interleaved(
  rounds: number,
  subject: () => Promise<number>,
  reference: () => Promise<number>,
): Promise<{ subject: number; reference: number }> {
  const s: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < rounds; i++) {
    r.push(await reference());
    s.push(await subject());
  }
  return { subject: median(s), reference: median(r) };
}
