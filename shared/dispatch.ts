/**
 * The one place a raw request becomes a handler call: name checked, input validated, any failure
 * turned into a Result. The IPC binding, the loopback bridge and the renderer's test fake all use it.
 */
import { calls, isCallName, type CallHandlers, type CallName, type CallOutput } from './contract';
import { SealmailError } from './errors';
import { fail, ok, type Result } from './result';

export type UnexpectedErrorReporter = (call: string, error: unknown) => void;

export async function dispatchCall(
  handlers: CallHandlers,
  name: unknown,
  rawInput: unknown,
  reportUnexpected: UnexpectedErrorReporter = () => undefined,
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return fail({ code: 'INVALID_INPUT', message: `Unknown call ${JSON.stringify(String(name)).slice(0, 80)}.` });
  }
  const parsed = calls[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return fail({ code: 'INVALID_INPUT', message: `${where}${first?.message ?? 'invalid input'}` });
  }
  try {
    const handler = handlers[name] as (input: unknown) => Promise<CallOutput<CallName>>;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof SealmailError) return fail(error.toAppError());
    // An unexpected error's text may hold paths or secrets: log it on this side, send a code.
    reportUnexpected(name, error);
    return fail(new SealmailError('INTERNAL').toAppError());
  }
}
