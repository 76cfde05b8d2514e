/**
 * Lowercase, with accents and other combining marks taken off ("Café" → "cafe"):
 * how names and typed text are compared. The one folding helper.
 */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Lowercase ASCII letters, digits and single hyphens: safe in a citation id and a file name. */
export function slugify(text: string): string {
  return fold(text)
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
