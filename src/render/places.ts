import type { Place } from '../answers/places.ts';

/**
 * Where to look when nothing answers, one line per place: the command that
 * opens it and why it is suggested. A pointer, never a quote.
 * `show` escapes text for the front end (Discord markdown, or nothing).
 */
export function placesLines(places: readonly Place[] | undefined, show: (text: string) => string): string[] {
  if (!places?.length) return [];
  const words = (p: Place) => p.words.map((w) => `“${show(w)}”`).join(', ');
  return [
    'Places that share a word with it:',
    ...places.map((p) =>
      p.kind === 'article'
        ? `• \`/summary ${p.articleId}\`: ${show(p.title)} (title: ${words(p)})`
        : `• \`/quote ${p.citation}\`: ${show(p.heading ?? '')}, in ${show(p.title)} (heading: ${words(p)})`,
    ),
  ];
}
