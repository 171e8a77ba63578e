/**
 * Scripts for scripted-server.ts that play IMAP and SMTP servers, honest or hostile, far enough for
 * imapflow, nodemailer and Sealmail's own inspection to reach the point where a password would go.
 */
import type { TlsOptions } from 'node:tls';
import type { ScriptOptions, StartTlsAnswer } from './scripted-server';

export type StartTlsBehaviour = 'ok' | 'absent' | 'no' | 'bad' | 'inject';

export function imapScript(behaviour: StartTlsBehaviour, starttls: TlsOptions): ScriptOptions {
  const capabilities = behaviour === 'absent' ? 'IMAP4rev1 AUTH=PLAIN' : 'IMAP4rev1 STARTTLS LOGINDISABLED';
  return {
    greeting: '* OK hostile IMAP ready\r\n',
    starttls,
    reply(line, secure): string | StartTlsAnswer | null {
      const [tag, command = ''] = line.split(' ');
      const verb = command.toUpperCase();
      if (verb === 'CAPABILITY') return `* CAPABILITY ${secure ? 'IMAP4rev1 AUTH=PLAIN' : capabilities}\r\n${tag} OK done\r\n`;
      if (verb === 'STARTTLS') {
        if (behaviour === 'no') return `${tag} NO STARTTLS is not for you\r\n`;
        if (behaviour === 'bad') return `${tag} BAD unknown command\r\n`;
        const text = `${tag} OK begin TLS\r\n`;
        return behaviour === 'inject' ? { text, startTls: true, inject: '* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n' } : { text, startTls: true };
      }
      if (verb === 'LOGIN' || verb === 'AUTHENTICATE') return `${tag} OK logged in\r\n`;
      if (verb === 'LOGOUT') return `* BYE\r\n${tag} OK bye\r\n`;
      return `${tag} OK\r\n`;
    },
  };
}

export function smtpScript(behaviour: StartTlsBehaviour, starttls: TlsOptions, options: { auth?: boolean } = {}): ScriptOptions {
  const auth = options.auth === false ? '' : '250-AUTH PLAIN LOGIN\r\n';
  return {
    greeting: '220 hostile ESMTP\r\n',
    starttls,
    reply(line, secure): string | StartTlsAnswer | null {
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') {
        const tls = !secure && behaviour !== 'absent' ? '250-STARTTLS\r\n' : '';
        return `250-hostile\r\n${tls}${auth}250 8BITMIME\r\n`;
      }
      if (verb === 'STARTTLS') {
        if (behaviour === 'no' || behaviour === 'absent') return '454 4.7.0 TLS not available\r\n';
        if (behaviour === 'bad') return '502 5.5.1 unknown command\r\n';
        const text = '220 2.0.0 go ahead\r\n';
        return behaviour === 'inject' ? { text, startTls: true, inject: '250-AUTH PLAIN\r\n' } : { text, startTls: true };
      }
      if (verb === 'AUTH') return '235 2.7.0 ok\r\n';
      if (verb === 'QUIT') return '221 bye\r\n';
      if (verb === 'DATA') return '354 go on\r\n';
      return '250 ok\r\n';
    },
  };
}

/** An implicit-TLS server of either protocol that would accept any login. */
export function implicitScript(protocol: 'imap' | 'smtp', tls: TlsOptions, options: { auth?: boolean } = {}): ScriptOptions {
  const script = protocol === 'imap' ? imapScript('ok', tls) : smtpScript('ok', tls, options);
  return { ...script, tls, reply: (line) => script.reply!(line, true) };
}
