import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import type { Locale } from '../../shared/domain/settings';
import { VALIDATION_MESSAGES } from '../../shared/domain/validation-messages';
import en from './locales/en.json';
import fr from './locales/fr.json';

/** A fresh instance per app (and per test), French first with English as the fallback-free second locale. */
export function createI18n(locale: Locale = 'fr'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: 'fr',
    supportedLngs: ['fr', 'en'],
    resources: {
      fr: { translation: { ...fr, validation: VALIDATION_MESSAGES.fr } },
      en: { translation: { ...en, validation: VALIDATION_MESSAGES.en } },
    },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    // No advertising in the users' console (and in every test's output).
    showSupportNotice: false,
  });
  applyZodLocale(locale);
  instance.on('languageChanged', (lng) => applyZodLocale(lng === 'en' ? 'en' : 'fr'));
  return instance;
}

/** Zod's own messages ("too long") follow the interface language too. */
function applyZodLocale(locale: Locale): void {
  z.config(locale === 'en' ? z.locales.en() : z.locales.fr());
}
