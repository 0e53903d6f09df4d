// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MoneyInput } from '../../../renderer/features/billing/MoneyInput';
import { createI18n } from '../../../renderer/i18n';
import en from '../../../renderer/i18n/locales/en.json';
import fr from '../../../renderer/i18n/locales/fr.json';
import { formatIsoDay, formatWhenFrom } from '../../../renderer/ui/format';
import { ReadbackList } from '../../../renderer/ui/ReadbackList';
import { VALIDATION_MESSAGES } from '../../../shared/domain/validation-messages';
import { sourceRoot } from '../../../main/platform/paths';

function values(node: unknown, prefix = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => values(v, prefix ? `${prefix}.${k}` : k));
}

describe('French typography in the locales', () => {
  it('uses the typographic apostrophe in every French string', () => {
    expect(values(fr).filter(([, v]) => v.includes("'"))).toEqual([]);
    expect(values(VALIDATION_MESSAGES.fr).filter(([, v]) => v.includes("'"))).toEqual([]);
  });

  it('has no French space before a colon, semicolon, ? or ! in English strings', () => {
    for (const table of [en, VALIDATION_MESSAGES.en]) {
      expect(values(table).filter(([, v]) => /[\s\u00a0\u202f][:;?!]/.test(v))).toEqual([]);
    }
  });

  it('takes a label’s colon from the locale, never a French « : » typed after it in a component', () => {
    const root = path.join(sourceRoot(), 'renderer');
    const offenders: string[] = [];
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.tsx')) continue;
      const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      // « {t('…')} : <strong> » or `${t('…')} : …` shows « Total excl. VAT : » in English.
      if (/\bt\([^)]*\)\}\s+:/.test(text)) offenders.push(entry.name);
    }
    expect(offenders).toEqual([]);
  });

  it('says plurals with i18next plural forms, never « (s) » after a word', () => {
    for (const table of [fr, en]) expect(values(table).filter(([, v]) => /\p{L}\(s\)/u.test(v))).toEqual([]);
    const i18n = createI18n('fr');
    expect(i18n.t('timesheets.billing.exported', { count: 1, dir: '/tmp' })).toBe('1 fichier écrit dans /tmp');
    expect(i18n.t('timesheets.billing.exported', { count: 3, dir: '/tmp' })).toBe('3 fichiers écrits dans /tmp');
    expect(i18n.t('timesheets.view.count', { count: 1 })).toBe('1 saisie ce mois-ci');
    expect(i18n.t('timesheets.view.count', { count: 0 })).toBe('0 saisie ce mois-ci');
    expect(i18n.t('timesheets.view.count', { count: 12 })).toBe('12 saisies ce mois-ci');
    const english = createI18n('en');
    expect(english.t('timesheets.view.count', { count: 1 })).toBe('1 entry this month');
    expect(english.t('timesheets.import.ready', { count: 2 })).toBe('2 valid lines, ready to import.');
  });
});

describe('amounts and dates as she reads them', () => {
  function Price({ initial }: { initial: number }) {
    const [cents, setCents] = useState<number | undefined>(initial);
    return (
      <>
        <MoneyInput aria-label="Taux" cents={cents} onCents={setCents} />
        <output aria-label="stocké">{String(cents)}</output>
        <button type="button">ailleurs</button>
      </>
    );
  }

  it('shows « 30,00 € » when not editing, lets her type « 52,5 » and stores cents', async () => {
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('fr')}>
        <Price initial={3000} />
      </I18nextProvider>,
    );
    const input = screen.getByLabelText('Taux');
    expect(input).toHaveValue('30,00\u00a0€');
    await user.click(input);
    expect(input).toHaveValue('30,00');
    await user.clear(input);
    await user.type(input, '52,5');
    expect(input).toHaveValue('52,5');
    expect(screen.getByLabelText('stocké')).toHaveTextContent('5250');
    await user.click(screen.getByRole('button', { name: 'ailleurs' }));
    expect(input).toHaveValue('52,50\u00a0€');
  });

  it('shows a percentage majoration as « 25 % »', () => {
    render(
      <I18nextProvider i18n={createI18n('fr')}>
        <MoneyInput aria-label="Majoration" unit="percent" cents={2500} onCents={() => {}} />
      </I18nextProvider>,
    );
    expect((screen.getByLabelText('Majoration') as HTMLInputElement).value.replace(/\s/g, ' ')).toBe('25 %');
  });

  it('reads a date answer as dd/mm/yyyy in the recap', () => {
    expect(formatIsoDay('2027-03-01', 'fr')).toBe('01/03/2027');
    expect(formatIsoDay('pas une date', 'fr')).toBe('pas une date');
    render(
      <I18nextProvider i18n={createI18n('fr')}>
        <ReadbackList
          rows={[
            ['Date du sinistre', '2027-03-01'],
            ['Motif', 'fuite'],
          ]}
        />
      </I18nextProvider>,
    );
    expect(screen.getByText('01/03/2027')).toBeInTheDocument();
    expect(screen.queryByText('2027-03-01')).toBeNull();
  });
});

describe('opening hours said relative to today', () => {
  // Thursday 3 December 2026, 09:00 in Paris.
  const thursdayMorning = Date.parse('2026-12-03T08:00:00Z');

  it('says « 12:30 » for later the same day, and the weekday only for another day', () => {
    const i18n = createI18n('fr');
    const sameDay = Date.parse('2026-12-03T11:30:00Z');
    expect(i18n.t('opening.openUntil', { when: formatWhenFrom(sameDay, thursdayMorning, 'fr', 'Europe/Paris') })).toBe(
      'Ouvert jusqu’à 12:30',
    );
    expect(formatWhenFrom(Date.parse('2026-12-04T08:00:00Z'), thursdayMorning, 'fr', 'Europe/Paris')).toBe(
      'vendredi 09:00',
    );
  });

  it('compares days in the firm’s zone, not the computer’s', () => {
    // 23:30 on Thursday in Paris is already Friday in Réunion (UTC+4).
    const lateThursday = Date.parse('2026-12-03T22:30:00Z');
    const fridayMorning = Date.parse('2026-12-04T05:00:00Z');
    expect(formatWhenFrom(fridayMorning, lateThursday, 'fr', 'Indian/Reunion')).toBe('09:00');
    expect(formatWhenFrom(fridayMorning, lateThursday, 'fr', 'Europe/Paris')).toBe('vendredi 06:00');
  });
});
