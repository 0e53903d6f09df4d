import type { MethodName } from '../../shared/api';
import type { Services } from '../services';
import { createCallsHandlers } from './handlers/calls';
import { createCoreHandlers } from './handlers/core';
import { createMessagesHandlers } from './handlers/messages';
import { createSipHandlers } from './handlers/sip';
import { createTimesheetsHandlers } from './handlers/timesheets';
import { createRecoveryHandlers } from './handlers/recovery';
import { createInvoicesHandlers } from './handlers/invoices';
import { createPrivacyHandlers } from './handlers/privacy';
import { createAgendaHandlers } from './handlers/agenda';
import { createAgendaSyncHandlers } from './handlers/agenda-sync';
import { createLockHandlers } from './handlers/lock';
import type { Handler } from './handlers/types';

export type { Handler } from './handlers/types';
export type Handlers = { [M in MethodName]: Handler<M> };

/**
 * Exactly one handler per contract method: each feature contributes its own set, and the mapped type makes a
 * missing or extra handler a compile error.
 */
export function createHandlers(services: Services): Handlers {
  return {
    ...createCoreHandlers(services),
    ...createCallsHandlers(services),
    ...createTimesheetsHandlers(services),
    ...createMessagesHandlers(services),
    ...createSipHandlers(services),
    ...createRecoveryHandlers(services),
    ...createInvoicesHandlers(services),
    ...createPrivacyHandlers(services),
    ...createAgendaHandlers(services),
    ...createAgendaSyncHandlers(services),
    ...createLockHandlers(services),
  };
}
