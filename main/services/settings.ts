import { settingsSchema, type Settings } from '../../shared/domain/settings';
import type { ServiceContext } from './context';

export function createSettingsService(ctx: ServiceContext) {
  function get(): Settings {
    // Unknown keys written by a newer version are ignored rather than refused: settings must never block start-up.
    return settingsSchema.parse(ctx.repos.settings.readAll());
  }
  return {
    get,
    update(patch: Partial<Settings>): Settings {
      ctx.repos.settings.write(patch);
      const settings = get();
      ctx.emit('settings:changed', settings);
      return settings;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
