import fs from 'node:fs';
import path from 'node:path';
import { firmDraftSchema } from '../../shared/domain/firm/aggregate';
import type { CallOffer } from '../../shared/domain/call';
import { createServiceContext } from '../../main/services/context';
import { createCallsRepository } from '../../main/store/repositories/calls';
import { openStore, type Db } from '../../main/store/open';

/** A deterministic PRNG so two seeds are the same database and figures compare across runs. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const FIRST = ['Camille', 'Hélène', 'Louis', 'Inès', 'Marc', 'Chloé', 'Jules', 'Léa', 'Hugo', 'Manon', 'Théo', 'Zoé'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Lefèvre', 'Moreau'];
const SECTORS = ['juridique', 'medical', 'immobilier', 'ecommerce', 'artisanat'] as const;

export interface SeedSize {
  firms: number;
  contacts: number;
  calls: number;
  years: number;
}

export const TEN_YEARS: SeedSize = { firms: 30, contacts: 50_000, calls: 150_000, years: 10 };

export function firmId(index: number): string {
  return `bench-firm-${String(index).padStart(3, '0')}`;
}

/** Firms, contacts and calls straight through the repositories, in large transactions. */
export function seedFoundation(db: Db, size: SeedSize, end = Date.UTC(2026, 10, 1)): void {
  const ctx = createServiceContext(db);
  const random = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  db.transaction(() => {
    for (let f = 0; f < size.firms; f += 1) {
      const draft = firmDraftSchema.parse({
        profile: {
          name: `Cabinet ${pick(LAST)} ${f}`,
          sector: SECTORS[f % SECTORS.length],
          color: '#336699',
          greeting: `Cabinet ${f}, bonjour.`,
          numbers: [{ e164: `+3319900${String(1000 + f).padStart(4, '0')}` }],
        },
        people: [{ id: 'p1', name: `${pick(FIRST)} ${pick(LAST)}`, email: 'p@example.fr', isDefaultRecipient: true }],
        consignes: { body: 'Consignes du cabinet.', rules: {} },
      });
      ctx.repos.firms.write(firmId(f), draft, 'insert', end);
      ctx.repos.firms.recordConsignes(firmId(f), draft.consignes, 'seed', end);
    }
    for (let c = 0; c < size.contacts; c += 1) {
      ctx.repos.contacts.upsert(
        firmId(c % size.firms),
        `bench-contact-${c}`,
        {
          name: `${pick(FIRST)} ${pick(LAST)} ${c}`,
          company: c % 3 === 0 ? `Société ${pick(LAST)}` : '',
          phones: [`+3363998${String(c).padStart(4, '0').slice(-4)}`.slice(0, 12)],
          email: '',
          notes: '',
          vip: c % 97 === 0,
          doNotTransfer: false,
        },
        end,
      );
    }
  })();
  if (size.calls === 0) return;
  const calls = createCallsRepository(db);
  const span = size.years * 365 * 86_400_000;
  const batch = 10_000;
  for (let start = 0; start < size.calls; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(size.calls, start + batch); i += 1) {
        const at = end - span + Math.floor((i / size.calls) * span);
        const offer: CallOffer = {
          id: `bench-call-${i}`,
          direction: 'inbound',
          firmId: firmId(i % size.firms),
          matchedBy: 'diversion',
          matchedNumber: `+3319900${String(1000 + (i % size.firms)).padStart(4, '0')}`,
          callerNumber: `+3363998${String(i % 10_000).padStart(4, '0')}`,
          callerRaw: '',
          callerName: '',
          anonymous: false,
          diversionReason: 'no-answer',
          diversionFrom: null,
          sipCallId: '',
          demo: false,
          at,
        };
        calls.insert(offer, null);
        if (random() < 0.92) {
          calls.markAnswered(offer.id, at + 4_000 + Math.floor(random() * 20_000));
          calls.markEnded(offer.id, at + 60_000 + Math.floor(random() * 300_000), 'answered', '');
        } else {
          calls.markEnded(offer.id, at + 15_000, 'missed', '');
        }
      }
    })();
  }
}

/** Features add their own rows (messages, time entries) through seed hooks they export. */
export async function seedTenYears(dataDir: string): Promise<void> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  const db = openStore({ dataDir });
  seedFoundation(db, TEN_YEARS);
  for (const hook of await featureSeedHooks()) await hook(db, TEN_YEARS);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

type SeedHook = (db: Db, size: SeedSize) => void | Promise<void>;

async function featureSeedHooks(): Promise<SeedHook[]> {
  const hooks: SeedHook[] = [];
  const dir = path.dirname(new URL(import.meta.url).pathname);
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.seed.ts'))
    .sort()) {
    const module = (await import(path.join(dir, file))) as { seed?: SeedHook };
    if (module.seed) hooks.push(module.seed);
  }
  return hooks;
}
