import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { SafeMarkdown } from '../../ui/SafeMarkdown';
import { applyMarkdownFormat, type MarkdownFormat, type TextEdit } from './markdown-format';

/** Each button, its keyboard shortcut (checked on the lower-case key) and how aria-keyshortcuts says it. */
const FORMATS: ReadonlyArray<{ format: MarkdownFormat; key: string; shift: boolean; aria: string }> = [
  { format: 'heading', key: 'h', shift: true, aria: 'Control+Shift+H' },
  { format: 'bold', key: 'b', shift: false, aria: 'Control+B' },
  { format: 'italic', key: 'i', shift: false, aria: 'Control+I' },
  { format: 'list', key: 'l', shift: true, aria: 'Control+Shift+L' },
  { format: 'link', key: 'k', shift: true, aria: 'Control+Shift+K' },
];

interface MarkdownEditorProps {
  label: string;
  hint: string;
  value: string;
  onChange(value: string): void;
  onDial?: ((number: string) => void) | undefined;
}

/**
 * The consignes as she writes them: a small toolbar (titre, gras, italique, liste, lien — each with a shortcut)
 * over the Markdown text, and beside it the live preview as the call card will show it. Storage stays Markdown.
 */
export function MarkdownEditor({ label, hint, value, onChange, onDial }: MarkdownEditorProps) {
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement | null>(null);
  const pendingSelection = useRef<TextEdit | null>(null);

  // After a toolbar edit the new text is rendered: put the selection where the edit says, in the textarea.
  useLayoutEffect(() => {
    const edit = pendingSelection.current;
    if (!edit || !area.current || area.current.value !== edit.text) return;
    pendingSelection.current = null;
    area.current.focus();
    area.current.setSelectionRange(edit.start, edit.end);
  });

  function apply(format: MarkdownFormat) {
    const el = area.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const edit = applyMarkdownFormat(format, value, start, end, {
      text: t('consignes.toolbar.placeholderText'),
      url: 'https://',
    });
    pendingSelection.current = edit;
    onChange(edit.text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const match = FORMATS.find((f) => f.key === event.key.toLowerCase() && f.shift === event.shiftKey);
    if (!match) return;
    event.preventDefault();
    // Ours while she writes: the window's own shortcuts must not act on the same keys.
    event.stopPropagation();
    apply(match.format);
  }

  return (
    <div className="md-editor">
      <div className="md-editor__write">
        <div className="md-toolbar" role="toolbar" aria-label={t('consignes.toolbar.label')}>
          {FORMATS.map(({ format, aria }) => (
            <button
              key={format}
              type="button"
              className={`md-toolbar__button md-toolbar__button--${format}`}
              aria-keyshortcuts={aria}
              title={`${t(`consignes.toolbar.${format}`)} (${t(`consignes.toolbar.keys.${format}`)})`}
              // Keep the selection in the textarea: the click must not move focus before the edit reads it.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => apply(format)}
            >
              {t(`consignes.toolbar.${format}`)}
            </button>
          ))}
        </div>
        <Field label={label} hint={hint}>
          {(p) => (
            <textarea
              {...p}
              ref={area}
              rows={12}
              value={value}
              onKeyDown={onKeyDown}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </Field>
      </div>
      <section className="md-editor__preview" aria-labelledby="md-preview-title">
        <h3 id="md-preview-title" className="md-editor__preview-title">
          {t('consignes.previewLabel')}
        </h3>
        <div className="markdown">
          {value.trim() ? (
            <SafeMarkdown {...(onDial ? { onDial } : {})}>{value}</SafeMarkdown>
          ) : (
            <p className="muted">{t('consignes.previewEmpty')}</p>
          )}
        </div>
      </section>
    </div>
  );
}
