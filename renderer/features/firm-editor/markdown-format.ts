/** The consignes stay Markdown: the toolbar only writes the marks she would type (« ## », « ** », « - »…). */
export type MarkdownFormat = 'heading' | 'bold' | 'italic' | 'list' | 'link';

export interface TextEdit {
  text: string;
  /** The selection after the edit: what she will type over or carry on from. */
  start: number;
  end: number;
}

/** Wraps the selection in `mark` (or removes the mark when the selection already has it on both sides). */
function wrap(text: string, start: number, end: number, mark: string, placeholder: string): TextEdit {
  const before = text.slice(0, start);
  const selected = text.slice(start, end);
  const after = text.slice(end);
  if (before.endsWith(mark) && after.startsWith(mark)) {
    return {
      text: before.slice(0, -mark.length) + selected + after.slice(mark.length),
      start: start - mark.length,
      end: end - mark.length,
    };
  }
  const inner = selected || placeholder;
  return {
    text: before + mark + inner + mark + after,
    start: start + mark.length,
    end: start + mark.length + inner.length,
  };
}

/** Applies `prefix` to every line the selection touches (or takes it off when every line has it already). */
function prefixLines(text: string, start: number, end: number, prefix: string, matches: RegExp): TextEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = text.indexOf('\n', Math.max(end - (end > start && text[end - 1] === '\n' ? 1 : 0), start));
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const lines = text.slice(lineStart, lineEnd).split('\n');
  const remove = lines.every((line) => matches.test(line));
  const changed = lines.map((line) => (remove ? line.replace(matches, '') : prefix + line.replace(matches, '')));
  const block = changed.join('\n');
  const result = text.slice(0, lineStart) + block + text.slice(lineEnd);
  if (start === end) {
    const caret = Math.max(lineStart, start + (changed[0]!.length - lines[0]!.length));
    return { text: result, start: caret, end: caret };
  }
  return { text: result, start: lineStart, end: lineStart + block.length };
}

/**
 * The edit a toolbar button (or its shortcut) makes on the text and selection: titre « ## », gras « ** »,
 * italique « _ », liste « - », lien « [texte](https://) » with the address selected to be typed over.
 */
export function applyMarkdownFormat(
  format: MarkdownFormat,
  text: string,
  start: number,
  end: number,
  placeholders: { text: string; url: string },
): TextEdit {
  switch (format) {
    case 'bold':
      return wrap(text, start, end, '**', placeholders.text);
    case 'italic':
      return wrap(text, start, end, '_', placeholders.text);
    case 'heading':
      return prefixLines(text, start, end, '## ', /^#{1,6} /);
    case 'list':
      return prefixLines(text, start, end, '- ', /^[-*] /);
    case 'link': {
      const label = text.slice(start, end) || placeholders.text;
      const inserted = `[${label}](${placeholders.url})`;
      const urlStart = start + label.length + 3;
      return {
        text: text.slice(0, start) + inserted + text.slice(end),
        start: urlStart,
        end: urlStart + placeholders.url.length,
      };
    }
  }
}
