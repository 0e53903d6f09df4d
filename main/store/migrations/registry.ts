import initial from './0001-initial';
import calls from './0002-calls';
import messages from './0003-messages';
import timesheets from './0004-timesheets';
import messageEntries from './0005-message-entries';
import demoEntries from './0006-demo-entries';
import search from './0007-search';
import invoices from './0008-invoices';
import audit from './0009-audit';
import agenda from './0010-agenda';
import retention from './0011-retention';
import privacyErasure from './0012-privacy-erasure';
import agendaCaldavSync from './0013-agenda-caldav-sync';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order; `version` is what PRAGMA user_version holds once the migration is applied. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-initial', sql: initial },
  { version: 2, name: '0002-calls', sql: calls },
  { version: 3, name: '0003-messages', sql: messages },
  { version: 4, name: '0004-timesheets', sql: timesheets },
  { version: 5, name: '0005-message-entries', sql: messageEntries },
  { version: 6, name: '0006-demo-entries', sql: demoEntries },
  { version: 7, name: '0007-search', sql: search },
  { version: 8, name: '0008-invoices', sql: invoices },
  { version: 9, name: '0009-audit', sql: audit },
  { version: 10, name: '0010-agenda', sql: agenda },
  { version: 11, name: '0011-retention', sql: retention },
  { version: 12, name: '0012-privacy-erasure', sql: privacyErasure },
  { version: 13, name: '0013-agenda-caldav-sync', sql: agendaCaldavSync },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
