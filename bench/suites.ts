/** Every benchmark suite `npm run bench` runs, in order. Add a suite here: one import, one entry. */
import { deliveryHopsSuite } from './delivery/delivery-hops-suite';
import type { BenchSuite } from './figure';
import { mailSuite } from './mail/mail-suite';
import { syncSuite } from './mail/sync-suite';
import { smimeSuite } from './smime/smime-suite';
import { transportPolicySuite } from './transport-policy/transport-policy-suite';
import { uiSuite } from './ui/ui-suite';

export const SUITES: readonly BenchSuite[] = [mailSuite, syncSuite, uiSuite, smimeSuite, deliveryHopsSuite, transportPolicySuite];
