/**
 * Set-up for every renderer test. Role queries over the whole rendered app are slow in a simulated
 * DOM, and on a loaded machine (npm test runs the integration servers and Chromium beside it) one
 * alone can outlast Testing Library's default wait of a second, failing a test whose app was right.
 * findBy and waitFor therefore wait up to five seconds; a test that passes is not slower for it.
 */
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
