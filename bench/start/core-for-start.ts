/** What start-child.ts loads for the core: the core as a front door creates it, behind the contract's API. */
import type { SealmailApi } from '../../shared/contract';
import { createCore } from '../../electron/core/create-core';
import { MemorySecretStore } from '../../electron/core/ports';
import { inProcessApi } from '../../electron/core/testing/in-process-api';

/** The profile's secrets (the account's password) and the test CA, as the OS keychain and the settings would give them. */
export interface StartSettings {
  secrets: Record<string, string>;
  extraTrustAnchors: string[];
}

export function openCoreForStart(profileDir: string, settings: StartSettings): SealmailApi {
  const secrets = new MemorySecretStore();
  for (const [key, value] of Object.entries(settings.secrets)) void secrets.set(key, value);
  return inProcessApi(createCore({ profileDir, secrets, extraTrustAnchors: settings.extraTrustAnchors }));
}
