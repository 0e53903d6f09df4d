import type { timesheetsMethods } from '../../../shared/contract/methods/timesheets';
import type { Services } from '../../services';
import { fromContract } from '../../services/import-file';
import type { HandlersFor } from './types';

export function createTimesheetsHandlers(services: Services): HandlersFor<keyof typeof timesheetsMethods> {
  const { timesheets, billing, timesheetImport, exports } = services;
  return {
    'timesheets:list': ({ firmId, from, to, limit, offset }) =>
      timesheets.list({ firmId: firmId ?? null, from: from ?? null, to: to ?? null, limit, offset }),
    'timesheets:create': (input) => timesheets.create(input),
    'timesheets:update': ({ id, patch }) => timesheets.update(id, patch),
    'timesheets:remove': ({ id }) => timesheets.remove(id),
    'timesheets:audit': ({ id }) => timesheets.auditOf(id),
    'timesheets:timer': () => timesheets.timer(),
    'timesheets:startTimer': (input) => timesheets.startTimer(input),
    'timesheets:stopTimer': () => timesheets.stopTimer(),
    'timesheets:discardTimer': () => timesheets.discardTimer(),
    'timesheets:extendAfterCallWork': ({ callId, at }) => timesheets.extendAfterCallWork(callId, at),
    'timesheets:previewImport': ({ firmId, content, contentEncoding, fileName, ...options }) =>
      timesheetImport.preview(firmId, fromContract(content, contentEncoding), options, fileName),
    'timesheets:import': ({ firmId, content, contentEncoding, fileName, ...options }) =>
      timesheetImport.run(firmId, fromContract(content, contentEncoding), options, fileName),
    'billing:overview': ({ month }) => billing.overview(month),
    'billing:firmMonth': ({ firmId, month }) => {
      const view = billing.firmMonth(firmId, month);
      const notes: Record<string, string> = {};
      for (const e of view.entries) if (e.note) notes[e.id] = e.note;
      return {
        firmId,
        firmName: view.firm.profile.name,
        timeZone: view.firm.profile.timeZone,
        month,
        statement: view.statement,
        kpi: view.kpi,
        lock: view.lock,
        notes,
      };
    },
    'billing:lock': ({ firmId, month, reason }) => billing.lock(firmId, month, reason),
    'billing:unlock': ({ firmId, month, reason }) => billing.unlock(firmId, month, reason),
    'billing:lockAudit': ({ month }) => billing.lockAudit(month),
    'exports:run': ({ month, firmId, formats, csvPreset, jobId }) =>
      exports.exportMonth({ month, firmId, formats, csvPreset, jobId }),
  };
}
