import type { CorpusAnswer } from '../answers/corpus.ts';
import { ok, refuse, type Result, type UserProblem } from '../result.ts';
import type { LiveIndex } from './live.ts';

/**
 * What /reload and /quote's "removed" act on: the running front end's base
 * corpus folder and live index. Discord never writes the folder: a server's
 * own articles live in the store (src/tenancy/articles.ts).
 */
export interface CorpusAdmin {
  readonly corpusDir: string;
  readonly live: LiveIndex;
}

const running = (admin: CorpusAdmin | undefined): Result<CorpusAdmin, UserProblem> =>
  admin ? ok(admin) : refuse('not-running', 'This works in the running bot or console only.');

/** True when a reload removed the passage this citation named: /quote says so instead of "unknown". */
export const wasRemoved = (admin: CorpusAdmin | undefined, citation: string): boolean => admin?.live.wasRemoved(citation) ?? false;

/** /reload: reloads now and says what changed, or the loader's line while the old corpus keeps serving. */
export async function reloadNow(corpus: CorpusAdmin | undefined): Promise<Result<CorpusAnswer, UserProblem>> {
  const admin = running(corpus);
  if (!admin.ok) return admin;
  const outcome = await admin.value.live.reload();
  if (!outcome.ok) return refuse('reload-failed', `Not reloaded, still answering from the previous corpus: ${outcome.problems[0]}`);
  return ok({ kind: 'corpus', action: 'reloaded', change: outcome.summary, article: null, reloadProblem: null });
}
