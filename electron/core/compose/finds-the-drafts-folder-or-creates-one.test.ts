/** Drafts go to the server's \Drafts folder (RFC 6154), else one named Drafts, else a new "Drafts". */
import type { ListResponse } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { draftsFolderFor } from './draft-mailbox';

function server(mailboxes: Partial<ListResponse>[]) {
  const created: string[] = [];
  return {
    created,
    client: {
      list: async () => mailboxes as ListResponse[],
      mailboxCreate: async (path: string | string[]) => {
        created.push(String(path));
        return { path: String(path), created: true };
      },
    },
  };
}

describe('the Drafts folder', () => {
  it('is the one marked \\Drafts, whatever its name', async () => {
    const { client, created } = server([{ path: 'INBOX', name: 'INBOX' }, { path: 'Drafts', name: 'Drafts' }, { path: 'Entwürfe', name: 'Entwürfe', specialUse: '\\Drafts' }]);
    expect(await draftsFolderFor(client)).toBe('Entwürfe');
    expect(created).toEqual([]);
  });

  it('is the one named Drafts where nothing is marked', async () => {
    const { client, created } = server([{ path: 'INBOX', name: 'INBOX' }, { path: 'INBOX.drafts', name: 'drafts' }]);
    expect(await draftsFolderFor(client)).toBe('INBOX.drafts');
    expect(created).toEqual([]);
  });

  it('is created as "Drafts" when the server has none', async () => {
    const { client, created } = server([{ path: 'INBOX', name: 'INBOX' }, { path: 'Sent', name: 'Sent', specialUse: '\\Sent' }]);
    expect(await draftsFolderFor(client)).toBe('Drafts');
    expect(created).toEqual(['Drafts']);
  });
});
