#!/usr/bin/env node
// Makes sure .native/electron-<version>-<platform>-<arch>/better_sqlite3_multiple_ciphers.node exists:
// better-sqlite3-multiple-ciphers (better-sqlite3 over SQLite3MultipleCiphers: the store is encrypted, see
// main/store/cipher.ts) built for Electron's ABI, loaded by main through the driver's `nativeBinding` option.
// node_modules keeps Node's build, so `npm start` and `npm test` both work on one checkout, in any order,
// without rebuilding back and forth.
//
//   node scripts/electron-native.mjs [--platform P] [--arch A] [--force]
//
// Builds only when the file is missing. Needs the internet (a prebuilt binary from the driver's GitHub
// releases, or Electron's headers for a local compile: 2–5 minutes, the SQLite amalgamation is large), which
// is why it runs from `npm start` / `npm run dist` and never from postinstall. Cross-platform
// (--platform/--arch) works with prebuilt binaries only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};

const electronVersion = JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const platform = arg('platform', process.platform);
const arch = arg('arch', process.arch);
const dir = path.join(root, '.native', `electron-${electronVersion}-${platform}-${arch}`);
// Its own name: a plain better-sqlite3 build left here by an older checkout must never be picked up.
const target = path.join(dir, 'better_sqlite3_multiple_ciphers.node');
const driver = 'better-sqlite3-multiple-ciphers';

if (fs.existsSync(target) && !process.argv.includes('--force')) {
  console.log(`${driver} for Electron ${electronVersion} (${platform}-${arch}): ${path.relative(root, target)}`);
  process.exit(0);
}

const source = path.dirname(require.resolve(`${driver}/package.json`));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-native-'));
const pkg = path.join(work, driver);
try {
  // A private copy: building in node_modules would replace Node's binary and break `npm test`.
  fs.cpSync(source, pkg, { recursive: true, filter: (file) => !file.startsWith(path.join(source, 'build')) });
  const built = path.join(pkg, 'build', 'Release', 'better_sqlite3.node');
  const electronArgs = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${arch}`];

  console.log(`Fetching a prebuilt ${driver} for Electron ${electronVersion} (${platform}-${arch})…`);
  const prebuild = run(resolveBin('prebuild-install', 'bin.js'), [...electronArgs, `--platform=${platform}`], pkg);
  if (!prebuild || !fs.existsSync(built)) {
    if (platform !== process.platform)
      fail(`no prebuilt binary for ${platform}-${arch}, and cannot compile for another OS`);
    console.log('No prebuilt binary; compiling against Electron headers (needs python3, make and a C++ compiler)…');
    const gyp = run(
      resolveBin('node-gyp', path.join('bin', 'node-gyp.js')),
      ['rebuild', '--release', ...electronArgs, '--dist-url=https://electronjs.org/headers'],
      pkg,
    );
    if (!gyp || !fs.existsSync(built)) fail(`node-gyp could not build ${driver} for Electron (see the output above)`);
  }
  fs.mkdirSync(dir, { recursive: true });
  // Copy then rename: an interrupted run never leaves a truncated .node that would crash Electron at start.
  fs.copyFileSync(built, `${target}.tmp`);
  fs.renameSync(`${target}.tmp`, target);
  console.log(`Wrote ${path.relative(root, target)}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

function resolveBin(name, bin) {
  try {
    return path.join(path.dirname(require.resolve(`${name}/package.json`)), bin);
  } catch {
    fail(`${name} is missing from node_modules (it comes with ${driver} / npm); run npm install`);
  }
}

function run(script, args, cwd) {
  // Under `npm start`, npm exports the user's npmrc as npm_config_* (e.g. nodedir=/usr): node-gyp would then
  // compile against Node's headers and produce the very ABI mismatch this script exists to avoid.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|build_from_source)$/i.test(key),
    ),
  );
  const result = spawnSync(process.execPath, [script, ...args], { cwd, stdio: 'inherit', env });
  return result.status === 0;
}

function fail(message) {
  console.error(`electron-native: ${message}`);
  process.exit(1);
}
