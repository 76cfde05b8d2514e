import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { renderText } from '../render/text.ts';
import type { CommandContext } from '../command.ts';
import type { SearchIndex } from '../search/index.ts';
import { helpText, runLine, type Session } from './commands.ts';

export interface ConsoleIO {
  readonly input: Readable;
  readonly output: Writable;
  /** Prompt and bold highlights only for a person at a terminal. */
  readonly interactive: boolean;
}

/**
 * The local console: slash commands typed as in Discord, answered as text.
 * Resolves at the end of input; a bad line is answered and skipped, never fatal.
 */
export async function runConsole(source: SearchIndex | (() => SearchIndex), io: ConsoleIO, context?: CommandContext): Promise<void> {
  // A function when the corpus reloads while the console runs: each line reads the index of the moment.
  const current = typeof source === 'function' ? source : () => source;
  const rl = createInterface({ input: io.input, output: io.interactive ? io.output : undefined, terminal: io.interactive });
  const write = (s: string) => io.output.write(`${s}\n`);
  const style = io.interactive ? { highlight: (w: string) => `\x1b[1m${w}\x1b[22m` } : {};
  // Input can end while lines read before its end are still being answered: the interface has closed
  // by then, and prompting on a closed interface throws (since Node 24), so the prompt stops there.
  let closed = false;
  rl.once('close', () => {
    closed = true;
  });
  const prompt = () => {
    if (io.interactive && !closed) rl.prompt();
  };
  if (io.interactive) rl.setPrompt('citebot> ');
  prompt();
  const session: Session = { ...(context && { context }) };
  for await (const line of rl) {
    if (line.trim()) {
      if (/^\/?(quit|exit)$/i.test(line.trim())) break;
      const answer = await runLine(current(), line, session);
      if (!answer.ok) write(answer.error);
      else write(answer.value === 'help' ? helpText() : renderText(answer.value, style));
      if (io.interactive) write('');
    }
    prompt();
  }
  rl.close();
}
