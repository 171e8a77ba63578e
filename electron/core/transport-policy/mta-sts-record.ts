/**
 * The MTA-STS TXT record at _mta-sts.<domain> (RFC 8461 §3.1): it announces that a policy exists
 * and names its current version with `id`, so a changed id means "fetch the policy again".
 */

export type StsRecord =
  | { kind: 'record'; id: string }
  /** No record starting with v=STSv1: the domain has no MTA-STS policy. */
  | { kind: 'absent' }
  /** Records that must be ignored (§3.1: not exactly one, or not valid): no policy either, but say why. */
  | { kind: 'invalid'; problem: string };

const ID = /^[A-Za-z0-9]{1,32}$/;
const EXTENSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXTENSION_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/**
 * Reads the TXT strings of _mta-sts.<domain> (each record's strings already joined, §3.1).
 * Records that do not begin with "v=STSv1;" are discarded; then there must be exactly one.
 */
export function readStsRecord(domain: string, records: readonly string[]): StsRecord {
  const candidates = records.filter((record) => record.startsWith('v=STSv1;'));
  if (candidates.length === 0) {
    if (records.some((record) => record.startsWith('v=STSv1'))) {
      return { kind: 'invalid', problem: `the MTA-STS record of ${domain} has no id, so it is ignored (RFC 8461 §3.1)` };
    }
    return { kind: 'absent' };
  }
  if (candidates.length > 1) {
    return { kind: 'invalid', problem: `${domain} publishes ${candidates.length} MTA-STS records where there must be one, so all are ignored (RFC 8461 §3.1)` };
  }
  const id = parseRecord(candidates[0]!);
  if (id === null) return { kind: 'invalid', problem: `the MTA-STS record of ${domain} is not valid, so it is ignored (RFC 8461 §3.1)` };
  return { kind: 'record', id };
}

/** sts-version 1*(*WSP ";" *WSP sts-field) [";"]; exactly one id field is required. */
function parseRecord(record: string): string | null {
  const fields = record.slice('v=STSv1'.length).split(';').map((field) => field.replace(/^[ \t]+|[ \t]+$/g, ''));
  if (fields[0] !== '') return null;
  const rest = fields.slice(1);
  if (rest.length > 0 && rest[rest.length - 1] === '') rest.pop();
  let id: string | null = null;
  for (const field of rest) {
    const equals = field.indexOf('=');
    if (equals <= 0) return null;
    const name = field.slice(0, equals);
    const value = field.slice(equals + 1);
    if (name === 'id') {
      if (id !== null || !ID.test(value)) return null;
      id = value;
    } else if (!EXTENSION_NAME.test(name) || !EXTENSION_VALUE.test(value)) {
      return null;
    }
  }
  return id;
}
