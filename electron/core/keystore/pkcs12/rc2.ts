/**
 * RC2 (RFC 2268) in CBC mode, decryption only. Old PKCS#12 files (`openssl pkcs12 -legacy`, many
 * Windows exports) encrypt their certificates with 40-bit RC2, which OpenSSL 3 (and so Node) no
 * longer offers without its legacy provider. Used for reading such files, never for writing.
 */

// RFC 2268 section 2: PITABLE, a permutation of 0..255 derived from the digits of pi.
const PITABLE = Uint8Array.from(
  Buffer.from(
    'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32' +
      'bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626' +
      '6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a' +
      '961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
      '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2e' +
      'c5f3db47e5a59c770aa62068fe7fc1ad',
    'hex',
  ),
);

/** RFC 2268 section 2: expands a key of 1..128 bytes to 64 16-bit words, limited to `effectiveBits`. */
export function rc2KeySchedule(key: Uint8Array, effectiveBits: number): Uint16Array {
  const length = key.length;
  if (length < 1 || length > 128) throw new Error('RC2 keys are 1 to 128 bytes long.');
  const L = new Uint8Array(128);
  L.set(key);
  for (let i = length; i < 128; i++) L[i] = PITABLE[(L[i - 1]! + L[i - length]!) & 0xff]!;
  const T8 = Math.ceil(effectiveBits / 8);
  const TM = 0xff >> (8 * T8 - effectiveBits);
  L[128 - T8] = PITABLE[L[128 - T8]! & TM]!;
  for (let i = 127 - T8; i >= 0; i--) L[i] = PITABLE[L[i + 1]! ^ L[i + T8]!]!;
  const K = new Uint16Array(64);
  for (let i = 0; i < 64; i++) K[i] = L[2 * i]! | (L[2 * i + 1]! << 8);
  return K;
}

const ROTATIONS = [1, 2, 3, 5] as const;

/** RFC 2268 section 3: one 8-byte block forwards (used by the tests against the RFC's vectors). */
export function rc2EncryptBlock(K: Uint16Array, block: Uint8Array): Uint8Array {
  const R = toWords(block);
  let j = 0;
  const mix = () => {
    for (let i = 0; i < 4; i++) {
      const t = (R[i]! + K[j++]! + (R[(i + 3) & 3]! & R[(i + 2) & 3]!) + (~R[(i + 3) & 3]! & R[(i + 1) & 3]!)) & 0xffff;
      const s = ROTATIONS[i]!;
      R[i] = ((t << s) | (t >> (16 - s))) & 0xffff;
    }
  };
  const mash = () => {
    for (let i = 0; i < 4; i++) R[i] = (R[i]! + K[R[(i + 3) & 3]! & 63]!) & 0xffff;
  };
  for (const step of ROUNDS) (step === 'mix' ? mix : mash)();
  return fromWords(R);
}

/** RFC 2268 section 4: one 8-byte block backwards. */
export function rc2DecryptBlock(K: Uint16Array, block: Uint8Array): Uint8Array {
  const R = toWords(block);
  let j = 63;
  const unmix = () => {
    for (let i = 3; i >= 0; i--) {
      const s = ROTATIONS[i]!;
      const r = ((R[i]! >> s) | (R[i]! << (16 - s))) & 0xffff;
      R[i] = (r - K[j--]! - (R[(i + 3) & 3]! & R[(i + 2) & 3]!) - (~R[(i + 3) & 3]! & R[(i + 1) & 3]!)) & 0xffff;
    }
  };
  const unmash = () => {
    for (let i = 3; i >= 0; i--) R[i] = (R[i]! - K[R[(i + 3) & 3]! & 63]!) & 0xffff;
  };
  for (const step of [...ROUNDS].reverse()) (step === 'mix' ? unmix : unmash)();
  return fromWords(R);
}

// Five mixing rounds, a mashing round, six mixing, a mashing, five mixing.
const ROUNDS: readonly ('mix' | 'mash')[] = [
  ...Array<'mix'>(5).fill('mix'),
  'mash',
  ...Array<'mix'>(6).fill('mix'),
  'mash',
  ...Array<'mix'>(5).fill('mix'),
];

/** CBC decryption with PKCS#7 padding removed; throws on a bad pad (which is what a wrong key gives). */
export function rc2CbcDecrypt(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Buffer {
  if (iv.length !== 8) throw new Error('RC2-CBC needs an 8-byte IV.');
  if (data.length === 0 || data.length % 8 !== 0) throw new Error('RC2-CBC ciphertext is not a whole number of blocks.');
  const K = rc2KeySchedule(key, effectiveBits);
  const out = Buffer.alloc(data.length);
  let previous = iv;
  for (let offset = 0; offset < data.length; offset += 8) {
    const block = data.subarray(offset, offset + 8);
    const plain = rc2DecryptBlock(K, block);
    for (let i = 0; i < 8; i++) out[offset + i] = plain[i]! ^ previous[i]!;
    previous = block;
  }
  const pad = out[out.length - 1]!;
  if (pad < 1 || pad > 8 || !out.subarray(out.length - pad).every((byte) => byte === pad)) throw new Error('bad decrypt');
  return out.subarray(0, out.length - pad);
}

function toWords(block: Uint8Array): number[] {
  return [0, 1, 2, 3].map((i) => block[2 * i]! | (block[2 * i + 1]! << 8));
}

function fromWords(R: number[]): Uint8Array {
  const out = new Uint8Array(8);
  R.forEach((word, i) => {
    out[2 * i] = word & 0xff;
    out[2 * i + 1] = word >> 8;
  });
  return out;
}
