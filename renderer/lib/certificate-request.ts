/**
 * The short message Sealmail sends, signed and not encrypted, to ask recipients for their
 * certificate: a signed reply carries it, and Sealmail collects it when the reply is read. Written
 * for people who have never heard of S/MIME. English only for now: the interface has no other
 * language yet.
 */
export function certificateRequest(sender: string): { subject: string; text: string } {
  return {
    subject: 'Could you reply with a signed message?',
    text: [
      'Hello,',
      '',
      `I would like to send you an encrypted message, so that only you can read it. For that my mail program needs your e-mail certificate, and the simplest way to give it is to reply to this message with a digitally signed e-mail.`,
      '',
      'In most mail programs signing is one button or option when you write (Thunderbird: Security > Digitally Sign; Outlook: Options > Sign; Apple Mail: the seal button). If you have no e-mail certificate yet, your organisation or a certificate authority can issue a free one for your address.',
      '',
      'This message is signed with my own certificate, so your mail program can already encrypt replies to me.',
      '',
      'Thank you,',
      sender,
    ].join('\n'),
  };
}
