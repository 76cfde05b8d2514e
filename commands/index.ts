import type { Command } from '../src/command.ts';
import { articleCommand } from './article.ts';
import { askCommand } from './ask.ts';
import { compareCommand } from './compare.ts';
import { findSourcesCommand } from './find-sources.ts';
import { helpFor } from './help.ts';
import { quoteCommand } from './quote.ts';
import { reloadCommand } from './reload.ts';
import { scopeCommand } from './scope.ts';
import { sourcesCommand } from './sources.ts';
import { statsCommand } from './stats.ts';
import { summaryCommand } from './summary.ts';
import { takeawayCommand } from './takeaway.ts';

/**
 * Every command, once: the bot's dispatcher, deploy-commands, the console,
 * the one-shot CLI and both help texts read this list. Adding a command is
 * one file in commands/ and one line here.
 */
export const commands: readonly Command[] = [
  askCommand,
  takeawayCommand,
  compareCommand,
  summaryCommand,
  sourcesCommand,
  quoteCommand,
  helpFor(() => commands),
  statsCommand,
  findSourcesCommand,
  reloadCommand,
  articleCommand,
  scopeCommand,
];

/** The commands a deployment offers: a read-only one (CORPUS_WRITABLE=false) has no /article. */
export const commandsFor = (config: { readonly corpusWritable: boolean }): readonly Command[] =>
  config.corpusWritable ? commands : commands.filter((c) => c !== articleCommand);
