/**
 * Opens the composer when the desktop shell asks for it: Sealmail was chosen to handle a mailto:
 * link. The request arrives already parsed and made safe (shared/mailto.ts: no attachments, no
 * Bcc, plain addresses only); the user still reviews it and presses Send.
 */
import { useEffect } from 'react';
import type { ComposeRequest } from '../../../shared/mailto';
import { useApi } from '../../api/api-context';
import type { ComposerStart } from './ComposerPanel';

/** The composer's starting point for a mailto: link. */
export function composerStartFromLink(request: ComposeRequest): ComposerStart {
  return {
    title: 'New message',
    draft: { to: request.to, cc: request.cc, subject: request.subject, text: request.body },
    focus: request.to.length > 0 ? 'text' : 'to',
    // The link's author wrote this text; a signature would vouch for every word of it.
    notice: 'Filled in from a link. Read all of it before you send it.',
  };
}

/** Calls `open` with a composer start for every mailto: link the OS hands to Sealmail. */
export function useComposeRequests(open: (start: ComposerStart) => void): void {
  const api = useApi();
  useEffect(() => api.on('composeRequested', (request) => open(composerStartFromLink(request))), [api, open]);
}
