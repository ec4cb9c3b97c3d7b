/**
 * A `Content-Disposition: attachment` header for a stored file name: an ASCII fallback
 * (`filename=`, quotes and non-ASCII replaced) and the exact name as RFC 5987 UTF-8
 * (`filename*=`), so browsers save "报价单.pdf" under its own name and nothing is rendered inline.
 *
 * @example
 * contentDisposition("报价单.pdf"); // attachment; filename="___.pdf"; filename*=UTF-8''%E6%8A%A5...
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
