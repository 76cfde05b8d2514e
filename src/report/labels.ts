import { articleById } from '../answers/articles.ts';
import { findPassage } from '../answers/lookup.ts';
import type { SearchIndex } from '../search/index.ts';
import type { CitationLabel } from './format.ts';

/**
 * Names a citation id's article and section from the corpus: "Notes from
 * inside China's AI labs › Funding". Undefined for a passage the corpus no
 * longer has (the article was edited since the answer was shown).
 */
export function citationLabels(index: SearchIndex): CitationLabel {
  return (citation) => {
    const passage = findPassage(index, citation);
    return passage ? `${articleById(index, passage.articleId).title} › ${passage.section}` : undefined;
  };
}
