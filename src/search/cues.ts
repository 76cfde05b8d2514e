const MONTH = 'January|February|March|April|May|June|July|August|September|October|November|December';

/**
 * What kind of answer a question asks for, as a test of a sentence: a year or
 * month for "when", a number for "how many/much/long", a name for "who", a
 * named place ("in Tours", "at the Cape") for "where".
 */
export function answerCue(question: string): RegExp | null {
  const q = question.toLowerCase();
  if (/\b(when|what year|which year|what century|what date)\b/.test(q))
    return new RegExp(`\\b(1\\d{3}|20\\d{2}|\\d{1,2}(st|nd|rd|th) century|${MONTH})\\b`);
  if (/\bhow (many|much|long|old|far|large|big|often)\b|\bwhat (percentage|number|amount)\b/.test(q))
    return /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|dozen)\b/i;
  if (/\bwho\b|\bwhose\b/.test(q)) return /\s\p{Lu}\p{Ll}+/u;
  if (/\bwhere\b/.test(q)) return /\b(?:in|at|near|from|to|on)\s+(?:the\s+)?\p{Lu}/u;
  return null;
}
