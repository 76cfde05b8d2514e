import type { Command } from '../src/command.ts';
import { askCommand } from './ask.ts';
import { compareCommand } from './compare.ts';
import { findSourcesCommand } from './find-sources.ts';
import { helpCommand } from './help.ts';
import { quoteCommand } from './quote.ts';
import { sourcesCommand } from './sources.ts';
import { summaryCommand } from './summary.ts';
import { takeawayCommand } from './takeaway.ts';

/**
 * Every command, once: the bot's dispatcher, deploy-commands, the console,
 * the one-shot CLI and both help texts read this list. Adding a command is
 * one file in commands/ and one line here.
 */
export const commands: readonly Command[] = [askCommand, takeawayCommand, compareCommand, summaryCommand, sourcesCommand, quoteCommand, helpCommand, findSourcesCommand];
