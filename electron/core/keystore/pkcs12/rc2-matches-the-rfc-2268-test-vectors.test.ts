import { describe, expect, it } from 'vitest';
import { rc2DecryptBlock, rc2EncryptBlock, rc2KeySchedule } from './rc2';

// RFC 2268 section 5.
const VECTORS = [
  { key: '0000000000000000', bits: 63, plain: '0000000000000000', cipher: 'ebb773f993278eff' },
  { key: 'ffffffffffffffff', bits: 64, plain: 'ffffffffffffffff', cipher: '278b27e42e2f0d49' },
  { key: '3000000000000000', bits: 64, plain: '1000000000000001', cipher: '30649edf9be7d2c2' },
  { key: '88', bits: 64, plain: '0000000000000000', cipher: '61a8a244adacccf0' },
  { key: '88bca90e90875a', bits: 64, plain: '0000000000000000', cipher: '6ccf4308974c267f' },
  { key: '88bca90e90875a7f0f79c384627bafb2', bits: 64, plain: '0000000000000000', cipher: '1a807d272bbe5db1' },
  { key: '88bca90e90875a7f0f79c384627bafb2', bits: 128, plain: '0000000000000000', cipher: '2269552ab0f85ca6' },
];

describe('RC2', () => {
  it.each(VECTORS)('encrypts and decrypts the RFC vector for key $key at $bits bits', ({ key, bits, plain, cipher }) => {
    const K = rc2KeySchedule(Buffer.from(key, 'hex'), bits);
    expect(Buffer.from(rc2EncryptBlock(K, Buffer.from(plain, 'hex'))).toString('hex')).toBe(cipher);
    expect(Buffer.from(rc2DecryptBlock(K, Buffer.from(cipher, 'hex'))).toString('hex')).toBe(plain);
  });
});
