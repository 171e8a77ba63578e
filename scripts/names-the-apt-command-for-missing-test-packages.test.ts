import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aptInstallCommand, missingPackages, planSystemSetup, SYSTEM_PACKAGES } from './system-packages';

const allFiles = SYSTEM_PACKAGES.flatMap((p) => p.files);
const without = (...gone: string[]) => (path: string) => !gone.includes(path);

describe('the system packages npm test needs', () => {
  it('finds nothing missing when every file the tests execute is there', () => {
    expect(missingPackages(() => true)).toEqual([]);
    expect(planSystemSetup([], true)).toEqual({ action: 'ready' });
  });

  it('names the package of each missing file once, in list order', () => {
    const exists = without('/usr/bin/chromium', '/usr/lib/dovecot/lmtp', '/usr/bin/certutil', '/usr/bin/cmsutil');
    expect(missingPackages(exists)).toEqual(['dovecot-lmtpd', 'chromium', 'libnss3-tools']);
  });

  it('looks only at the packages a suite uses when asked to', () => {
    const exists = without('/usr/bin/chromium', '/usr/sbin/dovecot');
    expect(missingPackages(exists, ['mail-servers'])).toEqual(['dovecot-core']);
    expect(missingPackages(exists, ['browser'])).toEqual(['chromium']);
  });

  it('installs what is missing as root', () => {
    expect(planSystemSetup(['chromium', 'libnss3-tools'], true)).toEqual({ action: 'install', packages: ['chromium', 'libnss3-tools'] });
  });

  it('stops a user who is not root with the exact apt command for what is missing', () => {
    const plan = planSystemSetup(['chromium', 'postfix'], false);
    expect(plan).toEqual({ action: 'stop', sentence: expect.stringContaining('`sudo DEBIAN_FRONTEND=noninteractive apt-get install -y chromium postfix`') });
    expect(aptInstallCommand(['chromium', 'postfix'])).toBe('sudo DEBIAN_FRONTEND=noninteractive apt-get install -y chromium postfix');
  });

  it('stops a user who is not root even when nothing is missing, since the mail servers start as root', () => {
    const plan = planSystemSetup([], false);
    expect(plan.action).toBe('stop');
    expect(plan.action === 'stop' && plan.sentence).toMatch(/needs root: run `sudo npm test`/);
  });

  it('lists each file under the Debian package that really ships it', () => {
    // npm test installs everything before vitest starts, so every file is there to ask dpkg about.
    for (const { name, files } of SYSTEM_PACKAGES) {
      for (const file of files) {
        const owner = execFileSync('dpkg', ['-S', file], { encoding: 'utf8' }).split(':')[0];
        expect(owner, file).toBe(name);
      }
    }
    expect(new Set(allFiles).size).toBe(allFiles.length);
  });

  it('keeps the list in one place: .ci/run installs nothing itself', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).not.toMatch(/apt-get|dpkg/);
    expect(ci).toMatch(/npm test/);
  });
});
