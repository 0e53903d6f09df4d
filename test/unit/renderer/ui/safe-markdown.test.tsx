// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../../renderer/i18n';
import { classifyLink } from '../../../../renderer/ui/markdown-links';
import { SafeMarkdown, type SafeMarkdownProps } from '../../../../renderer/ui/SafeMarkdown';

function show(body: string, props: Omit<SafeMarkdownProps, 'children'> = {}) {
  const openExternal = vi.fn<(url: string) => void>();
  const copy = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
  const view = render(
    <I18nextProvider i18n={createI18n('fr')}>
      <SafeMarkdown openExternal={openExternal} copy={copy} {...props}>
        {body}
      </SafeMarkdown>
    </I18nextProvider>,
  );
  return { ...view, openExternal, copy };
}

describe('classifyLink (what a link in a consigne may do)', () => {
  it('sends web and mail links outside the app', () => {
    expect(classifyLink('https://www.cabinet-martin.fr/contact')).toEqual({
      kind: 'external',
      url: 'https://www.cabinet-martin.fr/contact',
    });
    expect(classifyLink('HTTP://Example.org')).toEqual({ kind: 'external', url: 'http://example.org/' });
    expect(classifyLink('mailto:accueil@martin.test')).toEqual({ kind: 'external', url: 'mailto:accueil@martin.test' });
  });

  it('turns tel: links into a bare number, separators removed', () => {
    expect(classifyLink('tel:+33 1 23 45 67 89')).toEqual({ kind: 'tel', number: '+33123456789' });
    expect(classifyLink('tel:01.23.45.67.89')).toEqual({ kind: 'tel', number: '0123456789' });
    expect(classifyLink('tel:%2B33-6-12-34-56-78')).toEqual({ kind: 'tel', number: '+33612345678' });
  });

  it.each([
    ['a relative path', '/firms'],
    ['a bare word', 'accueil'],
    ['a query', '?token=x'],
    ['a fragment', '#top'],
    ['a protocol-relative URL', '//evil.example/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: behind spaces and case', '  JaVaScRiPt:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['a custom scheme', 'permanence://reset'],
    ['an empty mailto', 'mailto:'],
    ['a tel: that is not a number', 'tel:javascript:alert(1)'],
    ['an empty link', ''],
  ])('leaves %s inert', (_what, href) => {
    expect(classifyLink(href)).toEqual({ kind: 'inert' });
  });
});

describe('SafeMarkdown (consignes never navigate the window)', () => {
  it('opens a web link outside the app, and the click does not follow the link', async () => {
    const { openExternal } = show('Voir [le site](https://www.cabinet-martin.fr/horaires).');
    const link = screen.getByRole('link', { name: 'le site' });
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://www.cabinet-martin.fr/horaires');
  });

  it('opens a mail link outside the app', async () => {
    const { openExternal } = show('Écrire à <accueil@martin.test>');
    await userEvent.click(screen.getByRole('link', { name: 'accueil@martin.test' }));
    expect(openExternal).toHaveBeenCalledWith('mailto:accueil@martin.test');
  });

  it('dials a tel: number through the softphone when there is one', async () => {
    const onDial = vi.fn<(n: string) => void>();
    const { copy, openExternal } = show('Urgences : [06 12 34 56 78](tel:06-12-34-56-78)', { onDial });
    const button = screen.getByRole('button', { name: '06 12 34 56 78' });
    expect(button).toHaveAttribute('title', 'Appeler le 0612345678');
    await userEvent.click(button);
    expect(onDial).toHaveBeenCalledWith('0612345678');
    expect(copy).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('copies a tel: number when there is no softphone, and says so', async () => {
    const { copy } = show('[Standard](tel:+33123456789)');
    await userEvent.click(screen.getByRole('button', { name: 'Standard' }));
    expect(copy).toHaveBeenCalledWith('+33123456789');
    expect(await screen.findByRole('status')).toHaveTextContent('Numéro copié : +33123456789');
  });

  it('says the number to note when copying fails', async () => {
    const copy = vi.fn<(text: string) => Promise<void>>().mockRejectedValue(new Error('denied'));
    show('[Standard](tel:+33123456789)', { copy });
    await userEvent.click(screen.getByRole('button', { name: 'Standard' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Copie impossible : notez le +33123456789');
  });

  it.each([
    ['relative', '[Accueil](/firms)'],
    ['query', '[Recharger](?token=volé)'],
    ['javascript:', '[Cliquez](javascript:alert(document.title))'],
    ['data:', '[Cliquez](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['file:', '[Cliquez](file:///etc/passwd)'],
    ['reference-style relative', '[Cliquez][r]\n\n[r]: ../../settings'],
  ])('shows a %s link as plain text, neither a link nor a button', async (_kind, body) => {
    const { container, openExternal } = show(body);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(container.querySelector('[href]')).toBeNull();
    const text = container.querySelector('.markdown__inert')!;
    expect(text).not.toBeNull();
    await userEvent.click(text);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('renders no raw HTML and fetches no image', () => {
    const { container } = show(
      '<a href="/firms">html</a> <img src="https://tracker.example/p.gif"> <iframe src="/"></iframe>\n\n![Plan d’accès](https://tracker.example/plan.png)',
    );
    expect(container.querySelector('a, img, iframe, script')).toBeNull();
    expect(container).toHaveTextContent('Plan d’accès');
  });

  it('keeps ordinary Markdown (headings, emphasis, lists)', () => {
    show('## Principes\n\n- **Jamais** d’avis juridique\n- *Toujours* le nom');
    expect(screen.getByRole('heading', { level: 2, name: 'Principes' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });
});
