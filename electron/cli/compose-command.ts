/**
 * `sealmail compose --keystore DIR --from ADDR --to ADDR[,ADDR...] --subject S --text T
 * [--no-sign] [--no-encrypt]`: writes a complete RFC 5322 message to stdout, signed and encrypted
 * by default. When a recipient has no usable certificate (and --no-encrypt is absent) it writes
 * nothing, exits 1 and names them.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../core/ports';
import { createSmimeService } from '../core/smime/create-smime-service';
import { parseMailboxList } from '../core/smime/mime/from-address';
import { guard } from './keystore-command';
import { openKeystore } from './open-keystore';
import { EXIT_OK, type CliCommand, usageError } from './run-cli';

const usage = 'compose --keystore DIR --from ADDR --to ADDR[,ADDR...] --subject S --text T [--no-sign] [--no-encrypt]';

export const composeCommand: CliCommand = {
  summary: 'write a signed and encrypted message to stdout (SEALMAIL_PASSPHRASE)',
  usage,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          keystore: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, subject: { type: 'string' },
          text: { type: 'string' }, 'no-sign': { type: 'boolean', default: false }, 'no-encrypt': { type: 'boolean', default: false },
        },
      }));
    } catch (error) {
      return usageError(io, usage, (error as Error).message);
    }
    if (!values.keystore) return usageError(io, usage, 'give the keystore folder with --keystore DIR.');
    const from = parseMailboxList(values.from ?? '');
    if (from.length !== 1) return usageError(io, usage, 'give one sender address with --from.');
    const to = parseMailboxList(values.to ?? '');
    if (to.length === 0) return usageError(io, usage, 'give at least one recipient with --to ADDR[,ADDR...].');
    if (values.subject === undefined || values.text === undefined) return usageError(io, usage, 'give --subject and --text.');
    const draft = {
      from: from[0]!.address,
      to: to.map((mailbox) => mailbox.address),
      subject: values.subject,
      text: values.text,
      sign: !values['no-sign'],
      encrypt: !values['no-encrypt'],
    };
    return guard(io, async () => {
      const keystore = await openKeystore(values.keystore!, io, { createIfMissing: false });
      // Built in full before anything is written: a refusal leaves stdout empty.
      const message = await createSmimeService(keystore, systemClock).compose(draft);
      io.stdout.write(message.toString('latin1'));
      return EXIT_OK;
    });
  },
};

