/** Finds the contract: the preload's `window.sealmail` inside Electron, else the loopback bridge. */
import type { SealmailApi } from '../../shared/contract';
import { connectBridge } from './bridge-client';

declare global {
  interface Window {
    sealmail?: SealmailApi;
  }
}

export function getApi(win: Window = window): SealmailApi {
  return win.sealmail ?? connectBridge(win.location);
}
