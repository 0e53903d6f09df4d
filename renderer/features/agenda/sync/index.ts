export { AgendaSyncSection } from './AgendaSyncSection';
export { SyncIssues } from './SyncIssues';
export { FirmAgendaSyncTab } from './FirmAgendaSyncTab';
