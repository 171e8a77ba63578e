/**
 * Frames of the loopback bridge: the contract carried over one WebSocket, for running the real
 * renderer in a plain browser against the real core (tests, development).
 */
import type { EventName } from './contract';
import type { Result } from './result';

export const BRIDGE_PATH = '/bridge';
export const TOKEN_PARAM = 'token';

export interface BridgeRequest {
  id: number;
  call: string;
  input: unknown;
}

export type BridgeMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };

export function isBridgeRequest(value: unknown): value is BridgeRequest {
  if (typeof value !== 'object' || value === null) return false;
  const frame = value as Record<string, unknown>;
  return typeof frame.id === 'number' && Number.isSafeInteger(frame.id) && typeof frame.call === 'string';
}
