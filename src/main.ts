// `npm start`: the Discord bot when DISCORD_TOKEN is set, else the local console.
import { runConsole } from './cli/console.ts';
import { startLiveCorpus } from './reload/front-end.ts';
import { configOrExit, openForFrontEnd } from './startup.ts';

const config = configOrExit();
const index = openForFrontEnd(config);
if (!index) process.exit(1);

if (!config.discordToken) {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  console.error(
    `No DISCORD_TOKEN set: opening the local console (${index.corpus.articles.length} articles, ${index.corpus.passages.length} passages; /help for commands${interactive ? ', Ctrl-D to quit' : ''}).`,
  );
  // Edits to the corpus folder are picked up while the console runs (also SIGHUP and /reload).
  const corpus = startLiveCorpus(config, index, (line) => console.error(`citebot: ${line}`));
  await runConsole(() => corpus.live.current(), { input: process.stdin, output: process.stdout, interactive }, { corpus: corpus.admin });
  await corpus.close();
  process.exit(0);
} else {
  const { startBot } = await import('./bot/start.ts');
  await startBot(config, index);
}
