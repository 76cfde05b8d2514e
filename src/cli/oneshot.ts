// `npm run cli -- <command> [text] [--json]`: one answer, or with --json and no text, one JSON line per input line.
import { createInterface } from 'node:readline';
import { renderText } from '../render/text.ts';
import { toJson } from '../render/json.ts';
import { helpText, runLine } from './commands.ts';
import { openForFrontEnd } from '../startup.ts';

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  const [command, ...words] = args;
  if (!command || command === '--help' || command === 'help') {
    console.log(`usage: npm run cli -- <command> [text] [--json]\n\n${helpText()}`);
    return command ? 0 : 2;
  }
  const index = await openForFrontEnd();
  if (!index) return 1;
  const answerLine = async (text: string): Promise<boolean> => {
    const result = await runLine(index, `/${command.replace(/^\//, '')} ${text}`);
    if (!result.ok) {
      if (json) console.log(JSON.stringify({ error: result.error }));
      else console.error(result.error);
      return false;
    }
    if (result.value === 'help') console.log(helpText());
    else console.log(json ? JSON.stringify(toJson(result.value)) : renderText(result.value, { more: '' }));
    return true;
  };
  if (json && words.length === 0 && !['sources'].includes(command)) {
    let allOk = true;
    for await (const line of createInterface({ input: process.stdin })) if (line.trim()) allOk = (await answerLine(line)) && allOk;
    return allOk ? 0 : 1;
  }
  return (await answerLine(words.join(' '))) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
