/** The transport calls of the contract: discovery, posture and pins. */
import type { HandlersFor } from '../../../shared/contract';
import type { transportCalls } from '../../../shared/calls/transport-calls';
import type { ServerDiscovery } from '../setup/discover-servers';
import type { PostureService } from './posture-service';

export function transportHandlers(posture: PostureService, discovery: ServerDiscovery): HandlersFor<typeof transportCalls> {
  return {
    discoverServers: ({ address }) => discovery.discover(address),
    probeServer: ({ protocol, endpoint }) => posture.probe(protocol, endpoint),
    accountPosture: ({ accountId }) => posture.ofAccount(accountId),
    pinCertificate: ({ accountId, protocol, fingerprint256 }) => posture.pin(accountId, protocol, fingerprint256),
  };
}
