// Looks up the Debian system accounts the mail daemons run as, so file ownership matches what they expect.
import { readFileSync } from 'node:fs';

export interface SystemAccount { uid: number; gid: number }

function findEntry(file: string, name: string): string[] | undefined {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name) return fields;
  }
  return undefined;
}

export function systemAccount(name: string): SystemAccount {
  const fields = findEntry('/etc/passwd', name);
  if (!fields) throw new Error(`system user '${name}' does not exist (is the mail server package installed?)`);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** Group id, or undefined when the group is absent (callers fall back to root's group). */
export function systemGroupId(name: string): number | undefined {
  const fields = findEntry('/etc/group', name);
  return fields ? Number(fields[2]) : undefined;
}
