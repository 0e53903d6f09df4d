// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { applyMarkdownFormat } from '../../../../renderer/features/firm-editor/markdown-format';
import { MarkdownEditor } from '../../../../renderer/features/firm-editor/MarkdownEditor';
import { createI18n } from '../../../../renderer/i18n';

const words = { text: 'texte', url: 'https://' };

describe('Markdown marks the toolbar writes', () => {
  it('wraps the selection in bold or italic, and unwraps it on a second press', () => {
    const bold = applyMarkdownFormat('bold', 'Ne jamais rappeler', 3, 9, words);
    expect(bold).toEqual({ text: 'Ne **jamais** rappeler', start: 5, end: 11 });
    expect(applyMarkdownFormat('bold', bold.text, bold.start, bold.end, words).text).toBe('Ne jamais rappeler');
    expect(applyMarkdownFormat('italic', 'a', 1, 1, words)).toEqual({ text: 'a_texte_', start: 2, end: 7 });
  });

  it('makes the lines a heading or a list, and takes the mark off again', () => {
    const text = 'Principes\nun\ndeux';
    expect(applyMarkdownFormat('heading', text, 2, 2, words)).toEqual({
      text: '## Principes\nun\ndeux',
      start: 5,
      end: 5,
    });
    const list = applyMarkdownFormat('list', text, 10, text.length, words);
    expect(list.text).toBe('Principes\n- un\n- deux');
    expect(applyMarkdownFormat('list', list.text, list.start, list.end, words).text).toBe(text);
  });

  it('turns the selection into a link with the address selected to be typed over', () => {
    const link = applyMarkdownFormat('link', 'voir le site', 8, 12, words);
    expect(link.text).toBe('voir le [site](https://)');
    expect(link.text.slice(link.start, link.end)).toBe('https://');
  });
});

describe('the consignes editor', () => {
  function Harness({ initial }: { initial: string }) {
    const [value, setValue] = useState(initial);
    return (
      <>
        <MarkdownEditor label="Consignes" hint="aide" value={value} onChange={setValue} />
        <output aria-label="stocké">{value}</output>
      </>
    );
  }

  function setup(initial: string) {
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={createI18n('fr')}>
        <Harness initial={initial} />
      </I18nextProvider>,
    );
    return { user, area: screen.getByLabelText('Consignes') as HTMLTextAreaElement };
  }

  it('formats from the toolbar and from the keyboard, stores Markdown and previews it live', async () => {
    const { user, area } = setup('Secret professionnel');
    const toolbar = screen.getByRole('toolbar', { name: 'Mise en forme des consignes' });
    expect(
      within(toolbar)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Titre', 'Gras', 'Italique', 'Liste', 'Lien']);
    expect(within(toolbar).getByRole('button', { name: 'Gras' })).toHaveAttribute('aria-keyshortcuts', 'Control+B');

    area.setSelectionRange(0, 6);
    await user.click(within(toolbar).getByRole('button', { name: 'Gras' }));
    expect(screen.getByLabelText('stocké')).toHaveTextContent('**Secret** professionnel');
    const preview = screen.getByRole('region', { name: 'Aperçu des consignes' });
    expect(within(preview).getByText('Secret').tagName).toBe('STRONG');

    // The selection stays on the word: Ctrl+B again takes the bold off.
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('Secret');
    await user.keyboard('{Control>}b{/Control}');
    expect(area.value).toBe('Secret professionnel');

    await user.keyboard('{Control>}{Shift>}h{/Shift}{/Control}');
    expect(area.value).toBe('## Secret professionnel');
    expect(within(preview).getByRole('heading', { name: 'Secret professionnel' })).toBeInTheDocument();
  });

  it('keeps Ctrl+Maj+K for a link inside the text, away from the window’s shortcuts', async () => {
    const { user, area } = setup('Le site');
    const reachedWindow: string[] = [];
    const onWindowKey = (event: KeyboardEvent) => void reachedWindow.push(event.key.toLowerCase());
    window.addEventListener('keydown', onWindowKey);
    area.focus();
    area.setSelectionRange(3, 7);
    await user.keyboard('{Control>}{Shift>}k{/Shift}{/Control}');
    window.removeEventListener('keydown', onWindowKey);
    expect(area.value).toBe('Le [site](https://)');
    expect(reachedWindow).not.toContain('k');
    await user.keyboard('https://exemple.fr');
    expect(area.value).toBe('Le [site](https://exemple.fr)');
  });
});
