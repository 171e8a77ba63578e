import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL } from '../../shared/contract';
import { findMailtoArgument, requestComposeFromLink } from './mailto-launch';
import { ShellEvents, type ShellEventTarget } from './shell-events';
import { FakeWebContents } from './testing/fakes';

function loadingContents() {
  const contents = Object.assign(new FakeWebContents(), { loading: true });
  const target = Object.assign(contents, { isLoading: () => contents.loading }) as unknown as ShellEventTarget & FakeWebContents;
  return { contents, target };
}

describe('mailto: links from the OS', () => {
  it('finds the link on a command line, whatever else is there', () => {
    expect(findMailtoArgument(['/opt/Sealmail/sealmail', '--no-sandbox-is-not-here', 'mailto:a@example.com'])).toBe('mailto:a@example.com');
    expect(findMailtoArgument(['sealmail.exe', 'MAILTO:b@example.com?subject=x'])).toBe('MAILTO:b@example.com?subject=x');
    expect(findMailtoArgument(['electron', '.'])).toBeNull();
    expect(findMailtoArgument(['sealmail', 'https://example.com/mailto:a@example.com'])).toBeNull();
  });

  it('hands on a parsed request, and nothing for an unreadable link', () => {
    const compose = vi.fn();
    expect(requestComposeFromLink('mailto:a@example.com?subject=Hi', compose)).toBe(true);
    expect(compose).toHaveBeenCalledExactlyOnceWith({ to: ['a@example.com'], cc: [], subject: 'Hi', body: '' });
    expect(requestComposeFromLink('mailto:a@example.com?subject=%ZZ', compose)).toBe(false);
    expect(requestComposeFromLink(null, compose)).toBe(false);
    expect(compose).toHaveBeenCalledOnce();
  });
});

describe('shell events to the window', () => {
  const request = { to: ['a@example.com'], cc: [], subject: '', body: '' };

  it('are held until the page has loaded, then sent in order', () => {
    const events = new ShellEvents();
    events.send('composeRequested', request);
    const { contents, target } = loadingContents();
    events.attach(target);
    events.send('menuCommand', { command: 'reply' });
    expect(contents.sent).toEqual([]);
    contents.loading = false;
    contents.emit('did-finish-load');
    expect(contents.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, message: { event: 'composeRequested', payload: request } },
      { channel: IPC_EVENT_CHANNEL, message: { event: 'menuCommand', payload: { command: 'reply' } } },
    ]);
    events.send('menuCommand', { command: 'forward' });
    expect(contents.sent).toHaveLength(3);
  });

  it('wait for the next window when the last one was destroyed', () => {
    const events = new ShellEvents();
    const first = loadingContents();
    first.contents.loading = false;
    events.attach(first.target);
    first.contents.destroyed = true;
    first.contents.emit('destroyed');
    events.send('composeRequested', request);
    expect(first.contents.sent).toEqual([]);
    const second = loadingContents();
    second.contents.loading = false;
    events.attach(second.target);
    expect(second.contents.sent).toHaveLength(1);
  });

  it('hold no more than a few while no window exists', () => {
    const events = new ShellEvents();
    for (let i = 0; i < 50; i += 1) events.send('menuCommand', { command: 'reply' });
    const { contents, target } = loadingContents();
    contents.loading = false;
    events.attach(target);
    expect(contents.sent.length).toBeLessThanOrEqual(20);
  });
});
