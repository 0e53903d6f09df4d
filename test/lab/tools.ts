// Which system tools the lab needs, and the CI rule: missing in CI = failure naming the install
// command; missing on a developer machine = loud skip (CONVENTIONS.md, Tests).
import { existsSync, readdirSync } from 'node:fs';
import { which } from './proc';

/**
 * `name` is a command on PATH or an absolute file path. Returns true when present. When missing:
 * throws under CI=true (naming `apt-get install -y <debianPackage>`), else warns loudly and
 * returns false so the caller can `describe.skip`.
 */
export function requireTool(name: string, debianPackage: string): boolean {
  if (which(name)) return true;
  const message =
    `SIP lab: '${name}' is missing. Install it with: apt-get install -y ${debianPackage}` +
    (debianPackage === 'rtpengine-daemon' ? ' --no-install-recommends' : '');
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n${'!'.repeat(78)}\n!! ${message}\n!! SKIPPING the tests that need it.\n${'!'.repeat(78)}\n`);
  return false;
}

/** Kamailio's websocket module lives under /usr/lib/<multiarch>/kamailio/modules. */
export function kamailioModulePath(module: string): string {
  for (const dir of ['/usr/lib64/kamailio/modules', '/usr/lib/kamailio/modules']) {
    if (existsSync(`${dir}/${module}.so`)) return `${dir}/${module}.so`;
  }
  try {
    for (const arch of readdirSync('/usr/lib')) {
      const p = `/usr/lib/${arch}/kamailio/modules/${module}.so`;
      if (existsSync(p)) return p;
    }
  } catch {
    /* no /usr/lib */
  }
  return `/usr/lib/kamailio/modules/${module}.so`;
}

/** Everything startLab() and the sipp helpers need. Evaluate all, so every missing one is named. */
export function requireLabTools(): boolean {
  const checks = [
    requireTool('kamailio', 'kamailio'),
    requireTool(kamailioModulePath('websocket'), 'kamailio-websocket-modules'),
    requireTool('rtpengine', 'rtpengine-daemon'),
    requireTool('sipp', 'sip-tester'),
  ];
  return checks.every(Boolean);
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function requireChromium(): boolean {
  return requireTool(CHROMIUM_PATH, 'chromium');
}
