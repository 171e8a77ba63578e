/**
 * What the posture panel and the pin dialog ask of the core: how each connection of an account is
 * protected (measured by handshakes that send no credentials), and pinning a certificate the user
 * has compared, for an account whose server presents one no authority vouches for.
 */
import type { Account, ServerEndpoint } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import type { AccountPosture, ConnectionPosture, EndpointPosture, MailProtocol } from '../../../shared/transport-types';
import type { AccountService } from '../accounts/account-service';
import type { Clock } from '../ports';
import { inspectServer, type InspectOptions } from './tls-inspect';
import type { TrustSettings } from './tls-policy';

export class PostureService {
  constructor(
    private readonly accounts: AccountService,
    private readonly trust: TrustSettings,
    private readonly clock: Clock,
    private readonly inspectOptions: InspectOptions = {},
  ) {}

  /** One handshake with a server; throws the refusal (with the certificate when there is one). */
  async probe(protocol: MailProtocol, endpoint: ServerEndpoint): Promise<ConnectionPosture> {
    return (await inspectServer(protocol, endpoint, this.trust, this.inspectOptions)).posture;
  }

  /** Both connections of an account, measured now; a refusal is part of the answer, not a failure. */
  async ofAccount(accountId: string): Promise<AccountPosture> {
    const account = await this.accounts.get(accountId);
    const [imap, smtp] = await Promise.all([this.measure('imap', account.imap), this.measure('smtp', account.smtp)]);
    return { accountId, checkedAt: this.clock.now().toISOString(), imap, smtp };
  }

  /**
   * Pins `fingerprint256` for one server of an account, only if that server presents exactly that
   * certificate right now and it is one a pin may excuse (not expired, not for another host).
   */
  async pin(accountId: string, protocol: MailProtocol, fingerprint256: string): Promise<Account> {
    const account = await this.accounts.get(accountId);
    const endpoint = account[protocol];
    const wanted = fingerprint256.toUpperCase();
    const candidate: ServerEndpoint = { ...endpoint, pinnedFingerprint256: wanted };
    try {
      await inspectServer(protocol, candidate, this.trust, this.inspectOptions);
    } catch (error) {
      if (error instanceof SealmailError && error.code === 'CERT_CHANGED') {
        throw new SealmailError('CERT_CHANGED', `${endpoint.host} now presents a different certificate than the one you compared; nothing was pinned.`, {
          certificate: error.certificate,
        });
      }
      throw error;
    }
    return this.accounts.update({ ...account, [protocol]: candidate });
  }

  private async measure(protocol: MailProtocol, endpoint: ServerEndpoint): Promise<EndpointPosture> {
    try {
      return { ok: true, posture: await this.probe(protocol, endpoint) };
    } catch (error) {
      const refused = error instanceof SealmailError ? error : new SealmailError('INTERNAL', undefined, { cause: error });
      return { ok: false, error: refused.toAppError() };
    }
  }
}
