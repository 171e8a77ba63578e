/**
 * 0/1 masks computed arithmetically, for padding checks that must not branch on secret bytes
 * (rsa-pkcs1-unpad, rsa-oaep-decode). Inputs are small non-negative integers.
 */
export function isZero(x: number): number {
  return ((x | -x) >>> 31) ^ 1;
}
export function isEqual(a: number, b: number): number {
  return isZero(a ^ b);
}
export function isGreaterOrEqual(a: number, b: number): number {
  return ((a - b) >>> 31) ^ 1;
}
/** `a` when mask is 1, `b` when 0. */
export function select(mask: number, a: number, b: number): number {
  return b ^ ((a ^ b) & -mask);
}
