import { describe, expect, it } from 'vitest';
import type { EventSink } from '../../shared/contract';
import { IPC_EVENT_CHANNEL } from '../../shared/contract';
import { forwardEvents } from './ipc-binding';
import { FakeWebContents } from './testing/fakes';

function fakeCore() {
  const sinks = new Set<EventSink>();
  return {
    sinks,
    subscribe: (sink: EventSink) => {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    emit: ((event, payload) => {
      for (const sink of sinks) sink(event, payload);
    }) as EventSink,
  };
}

const progress = { accountId: 'a1', folder: 'INBOX', done: 1, total: 2 } as never;

describe('event forwarding', () => {
  it('sends each core event to the window on the event channel', () => {
    const core = fakeCore();
    const contents = new FakeWebContents();
    forwardEvents(core.subscribe, contents.asWebContents());
    core.emit('syncProgress', progress);
    expect(contents.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, message: { event: 'syncProgress', payload: progress } }]);
  });

  it('stops when the window is destroyed', () => {
    const core = fakeCore();
    const contents = new FakeWebContents();
    forwardEvents(core.subscribe, contents.asWebContents());
    contents.destroyed = true;
    contents.emit('destroyed');
    core.emit('syncProgress', progress);
    expect(contents.sent).toEqual([]);
    expect(core.sinks.size).toBe(0);
  });

  it('never sends to contents already destroyed, and unsubscribes then', () => {
    const core = fakeCore();
    const contents = new FakeWebContents();
    forwardEvents(core.subscribe, contents.asWebContents());
    contents.destroyed = true;
    core.emit('messagesChanged', {} as never);
    expect(contents.sent).toEqual([]);
    expect(core.sinks.size).toBe(0);
  });

  it('stops when asked', () => {
    const core = fakeCore();
    const stop = forwardEvents(core.subscribe, new FakeWebContents().asWebContents());
    stop();
    expect(core.sinks.size).toBe(0);
  });
});
