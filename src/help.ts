/** What each command does, in one line: shared by the Discord definitions and the console's /help. */
export const COMMAND_HELP = {
  ask: 'Ask a question; get the passages that answer it, cited',
  takeaway: 'What an article wants you to do: its key takeaways',
  compare: 'How the articles treat one topic, side by side',
  summary: "An article at a glance: its own summary and sections",
  sources: 'The articles citebot knows',
  quote: 'The whole passage a citation id names',
  help: 'How to use citebot',
  findSources: 'Find the passages that support or bear on a message',
} as const;

/** Option descriptions, shared the same way. */
export const OPTION_HELP = {
  question: 'What you want to know',
  article: 'Only this article (id or part of its title)',
  count: 'How many passages (1-5)',
  private: 'Only you see the answer',
  topic: 'A topic or a few words',
  articleA: 'First article to compare (default: all)',
  articleB: 'Second article to compare',
  id: 'A citation id, like article-id#summary-1',
} as const;
