export { AgendaSyncSection } from './AgendaSyncSection';
export { SyncIssues } from './SyncIssues';
