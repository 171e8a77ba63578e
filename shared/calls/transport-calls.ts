/** Calls about how Sealmail reaches mail servers: discovery, posture, certificate pins. Never plaintext. */
import { z } from 'zod';
import type { Account } from '../domain';
import { accountIdInput, emailAddress, endpointInput, fingerprint256 } from '../inputs';
import type { AccountPosture, ConnectionPosture, DiscoveredSettings } from '../transport-types';
import { call } from './call-spec';

const mailProtocol = z.enum(['imap', 'smtp']);

export const transportCalls = {
  /** The servers for an address: RFC 6186 SRV, autoconfig over HTTPS, then guesses on TLS ports. */
  discoverServers: call<DiscoveredSettings>()(z.object({ address: emailAddress })),
  /** A TLS handshake that sends no credentials: the posture, or the refusal with the certificate. */
  probeServer: call<ConnectionPosture>()(z.object({ protocol: mailProtocol, endpoint: endpointInput })),
  /** How each connection of an account is protected, measured now. */
  accountPosture: call<AccountPosture>()(accountIdInput),
  /**
   * Trusts exactly the certificate an account's server presents now, after the user compared its
   * fingerprint; refused unless the server presents that very certificate and it may be pinned.
   */
  pinCertificate: call<Account>()(accountIdInput.extend({ protocol: mailProtocol, fingerprint256 })),
} as const;
