import { z } from 'zod';

/**
 * How an imported file's bytes were read. Files come from Excel (Windows-1252 in France unless saved as
 * « CSV UTF-8 »), LibreOffice (UTF-8), Notepad (UTF-16 with a BOM) or a CRM export; the preview says which one
 * was used so a garbled file is explained, not silently imported.
 */
export const FILE_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252', 'text'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/** How the file travels in a contract call: its bytes in base64 (decoded in main), or text already decoded. */
export const contentEncodingSchema = z.enum(['base64', 'text']).default('text');
export type ContentEncoding = z.infer<typeof contentEncodingSchema>;
