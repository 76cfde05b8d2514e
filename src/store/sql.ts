import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { err, ok, type Result } from '../result.ts';
import type { Tables } from './schema.ts';
import { articleStore, scopeStore } from './articles.ts';
import { newOrigin } from './changes.ts';
import type { AnswerShown, Report, ReportScope, Store, StoreFailure, Vote, VoteTally } from './types.ts';

/** How long a store call may take before its caller stops waiting: well inside Discord's 3 s to acknowledge. */
export const STORE_TIMEOUT_MS = 1_500;
/** Reads of a server's articles are given up after this many times the store's deadline (6 s by default). */
const ARTICLE_READ_FACTOR = 4;

/** Answers shown are written at most this long after they are shown, or as soon as this many wait (see recordAnswer). */
const BATCH_MS = 50;
const BATCH_MAX = 200;

/** How many rows each list of the report holds by default. */
export const REPORT_LIMIT = 10;

export interface SqlStoreOptions {
  readonly backend: 'sqlite' | 'postgres';
  /** Keep question texts (STORE_QUESTIONS=true). */
  readonly storeQuestions: boolean;
  /** The salt of the hashes, from the store itself (see loadSalt). */
  readonly salt: string;
  /** Default STORE_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Closes what the Kysely instance runs on. */
  readonly close?: () => Promise<void>;
}

/** A fresh answer id for an answer's buttons: short, unguessable, unique across processes. */
export const newAnswerId = (): string => randomBytes(9).toString('base64url');

/**
 * The salt of the question and voter hashes, created once per store and kept
 * in it, so every process sharing a PostgreSQL store hashes alike. Never logged.
 */
export async function loadSalt(db: Kysely<Tables>): Promise<string> {
  await db
    .insertInto('store_settings')
    .values({ name: 'hash-salt', value: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('store_settings').select('value').where('name', '=', 'hash-salt').executeTakeFirstOrThrow();
  return row.value;
}

/** One query layer for SQLite and PostgreSQL: the same Kysely calls, run by either dialect. */
export function createSqlStore(db: Kysely<Tables>, options: SqlStoreOptions): Store {
  const timeoutMs = options.timeoutMs ?? STORE_TIMEOUT_MS;
  // Only PostgreSQL is shared by several processes, and announces changes (see changes.ts).
  const origin = options.backend === 'postgres' ? newOrigin() : undefined;
  const hash = (kind: string, text: string) => createHmac('sha256', options.salt).update(`${kind}\0${text}`).digest('hex');
  let closed = false;
  const guarded = <T>(work: () => Promise<T>): Promise<Result<T, StoreFailure>> =>
    closed ? Promise.resolve(err({ reason: 'disabled' })) : withTimeout(work, timeoutMs);

  // Answers shown are written in batches: one transaction for all those shown in the last BATCH_MS,
  // so a busy bot does not spend its event loop on a transaction per answer (npm run load).
  const pending: { answer: AnswerShown; resolve: (r: Result<void, StoreFailure>) => void }[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = async () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = pending.splice(0);
    if (batch.length === 0) return;
    const answers = batch.map((b) => b.answer);
    const result = await withTimeout(() => insertAnswers(db, answers, hash, options.storeQuestions), timeoutMs);
    for (const b of batch) b.resolve(result);
  };
  return {
    backend: options.backend,

    recordAnswer: (answer: AnswerShown) =>
      new Promise<Result<void, StoreFailure>>((resolve) => {
        if (closed) return resolve(err({ reason: 'disabled' }));
        pending.push({ answer, resolve });
        if (pending.length >= BATCH_MAX) void flush();
        else flushTimer ??= setTimeout(() => void flush(), BATCH_MS).unref();
      }),

    vote: (answerId: string, userId: string, side: Vote) => guarded(() => recordVote(db, answerId, hash('voter', userId), side)),

    report: (since: Date, scope: ReportScope = {}) => guarded(() => readReport(db, since, scope.guildId, REPORT_LIMIT)),

    // A server's articles are more bytes than a vote: their reads get longer (ARTICLE_READ_FACTOR).
    ...articleStore(db, () => closed, origin, timeoutMs * ARTICLE_READ_FACTOR),
    ...(origin && { origin }),
    ...scopeStore(db, guarded, options.backend === 'postgres'),

    close: async () => {
      if (closed) return;
      await flush();
      closed = true;
      await (options.close ? options.close() : db.destroy());
    },
  };
}

/** One batch of answers shown, in one transaction: the answers, their citations, and the words of those that found nothing. */
function insertAnswers(
  db: Kysely<Tables>,
  answers: readonly AnswerShown[],
  hash: (kind: string, text: string) => string,
  storeQuestions: boolean,
): Promise<void> {
  return db.transaction().execute(async (tx) => {
    const rows = answers.map((answer) => {
      const at = answer.at ?? new Date();
      return {
        id: answer.id,
        at: at.getTime(),
        day: dayOf(at),
        guild_id: answer.guildId,
        kind: answer.kind,
        question_hash: hash('question', normalise(answer.question)),
        question: storeQuestions ? answer.question : null,
        answered: answer.citations.length > 0 ? 1 : 0,
      };
    });
    const citations = answers.flatMap((a) => a.citations.map((citation, i) => ({ answer_id: a.id, rank: i + 1, citation })));
    const words = answers.flatMap((a) =>
      a.citations.length > 0
        ? []
        : [...new Set((a.unmatchedWords ?? []).map((w) => w.toLowerCase()))].map((word) => ({ answer_id: a.id, word })),
    );
    await tx.insertInto('answers').values(rows).execute();
    if (citations.length > 0) await tx.insertInto('answer_citations').values(citations).execute();
    if (words.length > 0) await tx.insertInto('answer_words').values(words).execute();
  });
}

/** Sets, changes or clears (the same side again) a voter's vote, and gives the answer's counts after it. */
async function recordVote(db: Kysely<Tables>, answerId: string, voter: string, side: Vote): Promise<VoteTally> {
  const now = new Date();
  return db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('votes')
      .select('vote')
      .where('answer_id', '=', answerId)
      .where('voter', '=', voter)
      .executeTakeFirst();
    let mine: Vote | null = side;
    if (before?.vote === side) {
      await tx.deleteFrom('votes').where('answer_id', '=', answerId).where('voter', '=', voter).execute();
      mine = null;
    } else {
      await tx
        .insertInto('votes')
        .values({ answer_id: answerId, voter, vote: side, at: now.getTime(), day: dayOf(now) })
        .onConflict((oc) => oc.columns(['answer_id', 'voter']).doUpdateSet({ vote: side, at: now.getTime(), day: dayOf(now) }))
        .execute();
    }
    const counts = await tx
      .selectFrom('votes')
      .select(['vote', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('answer_id', '=', answerId)
      .groupBy('vote')
      .execute();
    const count = (v: Vote) => Number(counts.find((c) => c.vote === v)?.n ?? 0);
    return { mine, up: count('up'), down: count('down') };
  });
}

const upCount = sql<number | string>`sum(case when votes.vote = 'up' then 1 else 0 end)`;
const downCount = sql<number | string>`sum(case when votes.vote = 'down' then 1 else 0 end)`;

/**
 * The report since a moment; with a guild, only that server's records: its answers, the votes
 * on them, their citations, words and questions. Votes belong to the server of the answer voted on.
 */
async function readReport(db: Kysely<Tables>, since: Date, guildId: string | undefined, limit: number): Promise<Report> {
  const from = since.getTime();
  const answersByDay = await db
    .selectFrom('answers')
    .select(['day', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('at', '>=', from)
    .$if(guildId !== undefined, (q) => q.where('guild_id', '=', guildId!))
    .groupBy('day')
    .execute();
  const votesByDay = await db
    .selectFrom('votes')
    .select(['votes.day', upCount.as('up'), downCount.as('down')])
    .where('votes.at', '>=', from)
    .$if(guildId !== undefined, (q) => q.where(inGuild('votes.answer_id', guildId!)))
    .groupBy('votes.day')
    .execute();
  const days = new Map<string, { day: string; answers: number; up: number; down: number }>();
  const dayRow = (day: string) => days.get(day) ?? days.set(day, { day, answers: 0, up: 0, down: 0 }).get(day)!;
  for (const r of answersByDay) dayRow(r.day).answers = Number(r.n);
  for (const r of votesByDay) Object.assign(dayRow(r.day), { up: Number(r.up), down: Number(r.down) });
  const sortedDays = [...days.values()].sort((a, b) => a.day.localeCompare(b.day));

  const downvoted = await db
    .selectFrom('votes')
    .innerJoin('answer_citations', 'answer_citations.answer_id', 'votes.answer_id')
    .select(['answer_citations.citation', upCount.as('up'), downCount.as('down')])
    .where('votes.at', '>=', from)
    .$if(guildId !== undefined, (q) => q.where(inGuild('votes.answer_id', guildId!)))
    .groupBy('answer_citations.citation')
    .having(downCount, '>', 0)
    .orderBy(downCount, 'desc')
    .orderBy(upCount, 'asc')
    .orderBy('answer_citations.citation')
    .limit(limit)
    .execute();

  const unansweredCount = await db
    .selectFrom('answers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('at', '>=', from)
    .where('answered', '=', 0)
    .$if(guildId !== undefined, (q) => q.where('guild_id', '=', guildId!))
    .executeTakeFirstOrThrow();
  const questions = await db
    .selectFrom('answers')
    .select(['question', (eb) => eb.fn.max('at').as('last')])
    .where('at', '>=', from)
    .where('answered', '=', 0)
    .where('question', 'is not', null)
    .$if(guildId !== undefined, (q) => q.where('guild_id', '=', guildId!))
    .groupBy('question')
    .orderBy('last', 'desc')
    .limit(limit)
    .execute();
  const words = await countSince(db, 'answer_words', 'word', from, guildId, limit);
  const topCited = await countSince(db, 'answer_citations', 'citation', from, guildId, limit);

  return {
    since: since.toISOString(),
    answers: sortedDays.reduce((n, d) => n + d.answers, 0),
    votes: { up: sortedDays.reduce((n, d) => n + d.up, 0), down: sortedDays.reduce((n, d) => n + d.down, 0) },
    days: sortedDays,
    downvoted: downvoted.map((r) => ({ citation: r.citation, down: Number(r.down), up: Number(r.up) })),
    unanswered: {
      count: Number(unansweredCount.n),
      questions: questions.map((q) => q.question!),
      words: words.map(({ value, count }) => ({ word: value, count })),
    },
    topCited: topCited.map(({ value, count }) => ({ citation: value, count })),
  };
}

/** How often each value of a column of an answer's rows occurs among the answers since `from`, most first. */
async function countSince(
  db: Kysely<Tables>,
  table: 'answer_words' | 'answer_citations',
  column: 'word' | 'citation',
  from: number,
  guildId: string | undefined,
  limit: number,
) {
  const n = sql<number | string>`count(*)`;
  const value = sql.ref<string>(`${table}.${column}`);
  const rows = await db
    .selectFrom(table)
    .innerJoin('answers', 'answers.id', `${table}.answer_id`)
    .select([value.as('value'), n.as('n')])
    .where('answers.at', '>=', from)
    .$if(guildId !== undefined, (q) => q.where('answers.guild_id', '=', guildId!))
    .groupBy(value)
    .orderBy(n, 'desc')
    .orderBy(value)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
}

/** A vote's (or any row's) answer was shown in this server. */
const inGuild = (answerId: 'votes.answer_id', guildId: string) =>
  sql<boolean>`${sql.ref(answerId)} in (select id from answers where guild_id = ${guildId})`;

/** The same question however it was spaced or capitalised hashes alike. */
const normalise = (question: string) => question.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The UTC date of a moment, YYYY-MM-DD. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Runs store work with a deadline, turning any failure into a value. A late
 * answer is dropped (the caller has moved on); the work itself cannot be
 * cancelled, so the database's own timeouts (busy_timeout, statement_timeout) bound it too.
 */
export async function withTimeout<T>(work: () => Promise<T>, ms: number): Promise<Result<T, StoreFailure>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Result<T, StoreFailure>>((resolve) => {
    timer = setTimeout(() => resolve(err({ reason: 'timeout' })), ms);
  });
  const done = work().then(
    (value) => ok(value),
    (error: unknown) => err(classify(error)),
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Names what went wrong from the driver's code alone: a message may quote the data. */
export function classify(error: unknown): StoreFailure {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
  const reason: StoreFailure['reason'] =
    code === undefined
      ? 'failed'
      : /^SQLITE_FULL/.test(code) || code === '53100' || code === 'ENOSPC'
        ? 'full'
        : /^SQLITE_(BUSY|LOCKED)/.test(code) || code === '55P03' || code === '40P01'
          ? 'locked'
          : /^SQLITE_(CORRUPT|NOTADB)/.test(code) || code === 'XX001' || code === 'XX002'
            ? 'corrupt'
            : code === '57014'
              ? 'timeout'
              : 'failed';
  return code === undefined ? { reason } : { reason, code };
}
