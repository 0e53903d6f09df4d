/**
 * A chosen file's bytes in base64, for an import: main decodes them (UTF-8, UTF-16 with BOM, Windows-1252), so
 * an Excel FR file keeps its accents. FileReader rather than Blob.arrayBuffer(): the same code runs in Chromium and
 * in the jsdom of component tests, and readAsDataURL encodes natively, without a loop over the bytes here.
 */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('lecture impossible'));
    reader.readAsDataURL(file);
  });
}
