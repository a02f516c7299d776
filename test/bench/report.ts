/** Prints one figure as `bench <name> <value> <unit>`, the line CI and the README quote. */
export function report(name: string, value: number, unit: string): void {
  const shown =
    Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3);
  console.log(`bench ${name} ${shown} ${unit}`);
}

/** The p-th percentile (0–100) of some samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
