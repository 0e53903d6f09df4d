import type { Db } from '../../main/store/open';
import { seedMessages } from './messages.bench';

/** The ten-year seed's messages: 100k over the seeded firms and their people. */
export function seed(db: Db): void {
  seedMessages(db, 100_000);
}
