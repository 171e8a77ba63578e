/** A duration for a sentence: "0.25 s", "5 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
