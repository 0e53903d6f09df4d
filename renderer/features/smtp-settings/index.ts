export { SmtpSettingsSection } from './SmtpSettingsSection';
