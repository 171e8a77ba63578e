/**
 * What the interop tests with `openssl cms` and `gpgsm` share: the S/MIME fixture and a gpgsm home
 * that trusts its CA, made once before a file's tests and removed after them (gpgsm's agent too).
 */
import { afterAll, beforeAll } from 'vitest';
import { GpgsmHome } from './gpgsm-home';
import { createSmimeFixture, type SmimeFixture } from './smime-fixture';

export interface InteropPeers {
  f: SmimeFixture;
  gpgsm: GpgsmHome;
}

/**
 * Registers the file's beforeAll and afterAll. `ready` gets the peers once they exist: the test
 * keeps them, and imports into gpgsm what its tests need.
 */
export function withInteropPeers(ready: (peers: InteropPeers) => void): void {
  let peers: Partial<InteropPeers> = {};
  beforeAll(() => {
    const f = createSmimeFixture();
    peers = { f, gpgsm: new GpgsmHome(f.ca) };
    ready(peers as InteropPeers);
  }, 120_000);
  afterAll(() => {
    peers.gpgsm?.cleanup();
    peers.f?.cleanup();
  });
}
