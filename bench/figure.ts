/** What every benchmark reports: a value and a baseline measured in the same run, and their ratio. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  /** The goal, in words, for the table (not part of the JSON contract). */
  target?: string;
}

/** A group of figures sharing setup (servers, seeded folders); `small` runs it at test size. */
export interface BenchSuite {
  name: string;
  run(options: { small: boolean; log: (line: string) => void }): Promise<Figure[]>;
}

export function figure(name: string, value: number, unit: string, baseline: number, target?: string): Figure {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { name, value: round(value), unit, baseline: round(baseline), ratio: baseline > 0 ? round(value / baseline) : 0, ...(target ? { target } : {}) };
}

/** Wall-clock milliseconds of `work`. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
