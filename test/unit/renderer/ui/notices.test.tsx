// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../../renderer/i18n';
import { NoticeHost, showNotice } from '../../../../renderer/ui/Notices';

function host() {
  render(
    <I18nextProvider i18n={createI18n('fr')}>
      <NoticeHost />
    </I18nextProvider>,
  );
}

afterEach(() => vi.useRealTimers());

describe('notices', () => {
  it('lets a notice that only informs go after a while', () => {
    vi.useFakeTimers();
    host();
    act(() => showNotice({ text: 'Minuteur arrêté' }));
    expect(screen.getByText('Minuteur arrêté')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.queryByText('Minuteur arrêté')).toBeNull();
  });

  it('keeps a notice she can act on until she acts, closes it or a newer one replaces it', () => {
    vi.useFakeTimers();
    host();
    const run = vi.fn();
    act(() => showNotice({ text: 'Brouillon conservé', action: { label: 'Voir les brouillons', run } }));
    act(() => vi.advanceTimersByTime(10 * 60_000));
    const button = screen.getByRole('button', { name: 'Voir les brouillons' });
    act(() => button.click());
    expect(run).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('Brouillon conservé')).toBeNull();
    act(() => showNotice({ text: 'Brouillon conservé', action: { label: 'Voir les brouillons', run } }));
    act(() => showNotice({ text: 'Autre chose' }));
    expect(screen.queryByText('Brouillon conservé')).toBeNull();
  });
});
