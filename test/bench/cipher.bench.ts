import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sourceRoot } from '../../main/platform/paths';
import { createServices, type Services } from '../../main/services';
import { encryptPlainStore, PLAIN_COPY_DIR } from '../../main/services/privacy/encryption';
import { restoreFromBackup } from '../../main/services/privacy/restore';
import { createDevFileSecretStore } from '../../main/services/secrets';
import { openDatabaseFile } from '../../main/store/cipher';
import { DATABASE_FILE, openStore, type Db } from '../../main/store/open';
import { seedMessages } from './messages.bench';
import { percentile, round } from './stats';

type Report = (name: string, value: number, unit: string) => void;
interface Timing {
  wall: number;
  cpu: number;
}
const NONE: Timing = { wall: 0, cpu: 0 };

/**
 * Encryption at rest, encrypted against plain in the same run (issue 12's goals in brackets): two copies of the
 * ten-year seed, one plain, one encrypted by encryptPlainStore (itself timed), measured in alternation.
 * - cipher.bulk_insert.*: 20,000 messages written in one transaction into a fresh store (≤ +20 %).
 * - cipher.fts_search.*: full-text searches over the ten-year store, p50 of 100 (≤ +25 %).
 * - cipher.single_commit.*: the autosave of a draft (one transaction, synchronous = FULL), p50 of 200
 *   (≤ +60 % and ≤ 1 ms more).
 * - cipher.key_and_first_page_ten_years.*: a connection keyed, its key checked by a read, the newest 50
 *   messages read (≤ 300 ms); cipher.open_ten_years.*: openStore as a start runs it, quick_check of the whole
 *   file included.
 * - cipher.backup_ten_years.*, cipher.restore_ten_years.*: a verified backup, then its restore (verification,
 *   snapshot, swap) timed; cipher.encrypt_ten_years: the one-time migration of the plain store.
 * `.ratio` figures are encrypted / plain. On the shared 2-core machine wall times also measure the neighbours:
 * the long operations also report the process's CPU time (`.cpu`), which does not.
 */
export async function run(report: Report, options: { seedDir?: string } = {}): Promise<void> {
  const seedFile = options.seedDir ? path.join(options.seedDir, DATABASE_FILE) : '';
  if (!seedFile || !fs.existsSync(seedFile)) throw new Error('cipher bench needs the ten-year seed');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-bench-cipher-'));
  const key = crypto.randomBytes(32);
  const kinds = ['plain', 'encrypted'] as const;
  type Kind = (typeof kinds)[number];
  const dirs = { plain: path.join(root, 'plain'), encrypted: path.join(root, 'encrypted') };
  const keyOf = (kind: Kind) => (kind === 'encrypted' ? { key } : {});
  const both = (name: string, unit: string, values: Record<Kind, number>, digits = 2) => {
    report(`${name}.plain`, round(values.plain, digits), unit);
    report(`${name}.encrypted`, round(values.encrypted, digits), unit);
    report(`${name}.ratio`, round(values.encrypted / values.plain, 3), 'x');
  };
  const timings = (name: string, values: Record<Kind, Timing>) => {
    both(name, 'ms', { plain: values.plain.wall, encrypted: values.encrypted.wall }, 0);
    both(`${name}.cpu`, 'ms', { plain: values.plain.cpu, encrypted: values.encrypted.cpu }, 0);
  };
  try {
    const seed = openDatabaseFile(seedFile, { readonly: true, fileMustExist: true });
    for (const kind of kinds) {
      fs.mkdirSync(dirs[kind], { recursive: true, mode: 0o700 });
      seed.prepare('VACUUM INTO ?').run(path.join(dirs[kind], DATABASE_FILE));
    }
    seed.close();
    // Both at the current schema before anything is timed (the seed may be older).
    openStore({ dataDir: dirs.plain }).close();
    openStore({ dataDir: dirs.encrypted }).close();
    const encrypting = measured(() =>
      encryptPlainStore(dirs.encrypted, key, { secrets: createDevFileSecretStore(dirs.encrypted) }),
    );
    report('cipher.encrypt_ten_years', round(encrypting.wall, 0), 'ms');
    report('cipher.encrypt_ten_years.cpu', round(encrypting.cpu, 0), 'ms');
    fs.rmSync(path.join(dirs.encrypted, PLAIN_COPY_DIR), { recursive: true, force: true });

    // Open: the connection keyed and its first real read (the wrong-key check), then a first page of messages.
    const keyed: Record<Kind, number[]> = { plain: [], encrypted: [] };
    for (let i = 0; i < 21; i += 1) {
      for (const kind of kinds) {
        const ms = timed(() => {
          const db = openDatabaseFile(path.join(dirs[kind], DATABASE_FILE), { readonly: true, ...keyOf(kind) });
          db.prepare('SELECT id FROM messages ORDER BY created_at DESC LIMIT 50').all();
          db.close();
        });
        if (i > 0) keyed[kind].push(ms);
      }
    }
    both('cipher.key_and_first_page_ten_years', 'ms', {
      plain: percentile(keyed.plain, 50),
      encrypted: percentile(keyed.encrypted, 50),
    });
    // openStore as every start runs it: that also reads the whole file once (quick_check).
    const opens = { plain: NONE, encrypted: NONE };
    for (const kind of kinds) opens[kind] = measured(() => openStore({ dataDir: dirs[kind], ...keyOf(kind) }).close());
    timings('cipher.open_ten_years', opens);

    const stores = Object.fromEntries(
      kinds.map((kind) => {
        const db = openStore({ dataDir: dirs[kind], ...keyOf(kind) });
        return [kind, { db, services: servicesOver(db, dirs[kind]) }];
      }),
    ) as Record<Kind, { db: Db; services: Services }>;
    try {
      const queries = ['lefevre', 'chaudiere', 'prud', 'Moreau bail', 'facture relance', 'audience', '0612', 'noel'];
      const searches: Record<Kind, number[]> = { plain: [], encrypted: [] };
      for (let i = 0; i < 14; i += 1) {
        for (const kind of kinds) {
          for (const query of queries) {
            const ms = timed(() => stores[kind].services.messages.list({ query, limit: 200, offset: 0 }));
            if (i > 1) searches[kind].push(ms); // the first rounds warm the page cache
          }
        }
      }
      both('cipher.fts_search', 'ms', {
        plain: percentile(searches.plain, 50),
        encrypted: percentile(searches.encrypted, 50),
      });

      const commits: Record<Kind, number[]> = { plain: [], encrypted: [] };
      const drafts: Record<Kind, string | undefined> = { plain: undefined, encrypted: undefined };
      const firmId = stores.plain.services.firms.list()[0]!.id;
      for (let i = 0; i < 200; i += 1) {
        for (const kind of kinds) {
          const ms = timed(() => {
            drafts[kind] = stores[kind].services.messages.saveDraft({
              ...(drafts[kind] ? { id: drafts[kind] } : {}),
              firmId,
              content: { callerName: `Mme Lefèvre ${i}`, body: 'Elle rappelle au sujet du bail commercial.' },
            }).id;
          });
          if (i > 0) commits[kind].push(ms);
        }
      }
      const commit = { plain: percentile(commits.plain, 50), encrypted: percentile(commits.encrypted, 50) };
      both('cipher.single_commit', 'ms', commit, 3);
      report('cipher.single_commit.added', round(commit.encrypted - commit.plain, 3), 'ms');

      const backup = { plain: NONE, encrypted: NONE };
      for (const kind of kinds) backup[kind] = measured(() => stores[kind].services.privacy.backupNow());
      timings('cipher.backup_ten_years', backup);
    } finally {
      for (const kind of kinds) stores[kind].db.close();
    }
    const restore = { plain: NONE, encrypted: NONE };
    for (const kind of kinds) {
      const file = fs
        .readdirSync(path.join(dirs[kind], 'backups'))
        .find((n) => /^permanence-\d{8}-\d{6}\.sqlite3$/.test(n))!;
      restore[kind] = measured(() =>
        restoreFromBackup({
          dataDir: dirs[kind],
          file,
          now: Date.now,
          appVersion: 'bench',
          secrets: createDevFileSecretStore(dirs[kind]),
          ...keyOf(kind),
        }),
      );
    }
    timings('cipher.restore_ten_years', restore);

    // Bulk insert into fresh stores, so the ten-year index sizes do not weigh on it.
    const bulk = { plain: NONE, encrypted: NONE };
    for (const kind of kinds) {
      const dataDir = path.join(root, `bulk-${kind}`);
      const db = openStore({ dataDir, ...keyOf(kind) });
      try {
        const services = servicesOver(db, dataDir);
        services.workspace.initialise('demo');
        bulk[kind] = measured(() => seedMessages(db, 20_000));
      } finally {
        db.close();
      }
    }
    timings('cipher.bulk_insert_20k', bulk);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function servicesOver(db: Db, dataDir: string): Services {
  return createServices(db, {
    assetsDir: path.join(sourceRoot(), 'assets'),
    dataDir,
    appVersion: 'bench',
    transport: 'harness',
  });
}

function timed(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** Wall and CPU time (this process, all threads) of one piece of work. */
function measured(work: () => unknown): Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}
