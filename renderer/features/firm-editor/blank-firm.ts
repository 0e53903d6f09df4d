import type { FirmDraftInput } from '../../../shared/domain/firm/aggregate';
import { officeWeek } from '../../../shared/domain/firm/hours';

export function blankFirmDraft(): FirmDraftInput {
  return {
    profile: {
      name: '',
      sector: 'autre',
      color: '#2f6fde',
      greeting: '',
      pronunciation: '',
      numbers: [],
      timeZone: 'Europe/Paris',
      weeklyHours: officeWeek(),
      closures: [],
      closedOnPublicHolidays: true,
      notes: '',
    },
    people: [],
    consignes: {
      body: '',
      rules: {
        transferRules: [],
        urgentDefinition: '',
        vipCallers: [],
        neverDisclose: [],
        identityChecks: [],
        identityCheckRequired: false,
      },
    },
    script: { steps: [] },
    messageFields: [],
    billing: {},
  };
}
