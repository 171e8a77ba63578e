/**
 * What an answer's DNSSEC status is, as far as Sealmail can know it.
 *
 * Decision: Sealmail does not validate signature chains itself; it believes the AD bit (RFC 4035
 * §3.2.3) only from a validating resolver on this machine (systemd-resolved with DNSSEC=yes, a
 * local unbound). Validating in the core would mean carrying the root trust anchor and its
 * rollovers (RFC 5011), every signing algorithm and NSEC/NSEC3 denial proofs: a second DNSSEC
 * implementation to keep correct, where the system already has a well-tested one. The price is
 * that a user whose resolver is elsewhere sees 'unvalidated' and no DANE. Why loopback only: the
 * AD bit travels unauthenticated over the network (RFC 6840 §5.7), so anyone on the path between
 * this machine and a remote resolver can set it; a resolver on 127.0.0.0/8 or ::1 did the
 * validation itself and its answer never left the machine.
 */
import { BlockList, isIP } from 'node:net';
import type { DnssecState } from '../../../shared/delivery-types';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8 and ::1, in any spelling (BlockList also matches ::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, '');
  const family = isIP(host);
  if (family === 0) return false;
  return LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

export interface AnswerFlags {
  rcode: string;
  /** The AD bit of the answer. */
  authenticData: boolean;
  /**
   * Only after a SERVFAIL from a loopback resolver: whether the same question with CD set came
   * back with an answer. A validating resolver answers SERVFAIL both when the signatures do not
   * verify and when it is broken; with CD it skips validation, so getting data means the data is
   * there and it is the signatures that failed (RFC 4035 §5.5, the way `delv` and `dig +cd` tell).
   */
  answeredWithCheckingDisabled?: boolean;
}

/** The DNSSEC state of one answer from the resolver at `resolverAddress`. */
export function dnssecStateOf(resolverAddress: string, flags: AnswerFlags): DnssecState {
  if (!isLoopbackAddress(resolverAddress)) return 'unvalidated';
  if (flags.rcode === 'SERVFAIL' && flags.answeredWithCheckingDisabled === true) return 'bogus';
  return flags.authenticData ? 'secure' : 'insecure';
}
