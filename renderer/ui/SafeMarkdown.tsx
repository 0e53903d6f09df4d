import { useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown, { type Components } from 'react-markdown';
import { classifyLink } from './markdown-links';

export interface SafeMarkdownProps {
  /** The Markdown source (a firm's consignes). */
  children: string;
  /** Dials a `tel:` number through the softphone. Without it, the number is copied. */
  onDial?: (number: string) => void;
  /** Opens an http(s) or mailto link outside the app (default: {@link openOutside}). */
  openExternal?: (url: string) => void;
  /** Copies a number (default: the clipboard). */
  copy?: (text: string) => Promise<void>;
}

/**
 * Opens a link in a new, unrelated browsing context. In Electron, the window-open guard
 * (main/electron/security.ts) turns it into the allow-listed `shell.openExternal` and denies the window; in the
 * browser harness it is a new tab that cannot reach back to this page. Either way this window stays where it is.
 */
export function openOutside(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

const clipboardCopy = (text: string) => navigator.clipboard.writeText(text);

/** No image is fetched from a consigne: it shows its description instead. */
const InertImage: Components['img'] = ({ alt }) => (alt ? <span className="markdown__inert">{alt}</span> : null);

/**
 * The one way to show Markdown written by someone (consignes): links never navigate the app's window, because
 * leaving the page would lose the call in progress and what she has typed. http(s) and mailto open outside the
 * app, `tel:` dials (or copies), anything else is plain text. No raw HTML, no images.
 */
export function SafeMarkdown({
  children,
  onDial,
  openExternal = openOutside,
  copy = clipboardCopy,
}: SafeMarkdownProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);

  const components = useMemo<Components>(() => {
    const Link: Components['a'] = ({ href, children: text }) => {
      const action = classifyLink(href);
      if (action.kind === 'external') {
        const open = (event: MouseEvent) => {
          event.preventDefault();
          openExternal(action.url);
        };
        return (
          <a
            href={action.url}
            target="_blank"
            rel="noopener noreferrer"
            title={t('markdown.opensOutside', { url: action.url })}
            onClick={open}
          >
            {text}
          </a>
        );
      }
      if (action.kind === 'tel') {
        const { number } = action;
        const act = () => {
          if (onDial) {
            onDial(number);
            return;
          }
          copy(number).then(
            () => setStatus(t('markdown.copied', { number })),
            () => setStatus(t('markdown.copyFailed', { number })),
          );
        };
        return (
          <button
            type="button"
            className="markdown__tel"
            title={onDial ? t('markdown.dial', { number }) : t('markdown.copy', { number })}
            onClick={act}
          >
            {text}
          </button>
        );
      }
      return (
        <span className="markdown__inert" title={t('markdown.inert')}>
          {text}
        </span>
      );
    };
    return { a: Link, img: InertImage };
  }, [onDial, openExternal, copy, t]);

  return (
    <>
      {/* Identity transform: every href goes through classifyLink, which needs the original (tel: included). */}
      <Markdown components={components} urlTransform={(url) => url} skipHtml>
        {children}
      </Markdown>
      {status ? (
        <p className="muted" role="status">
          {status}
        </p>
      ) : null}
    </>
  );
}
