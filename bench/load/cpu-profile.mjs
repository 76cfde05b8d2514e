// Preloaded into the bot by `npm run load -- --cpu-prof DIR` through NODE_OPTIONS=--import, because
// NODE_OPTIONS may not carry --cpu-prof and tsx starts the bot in a node process of its own. Profiles
// the process from here on and writes DIR/bot-<pid>.cpuprofile (open it in Chrome DevTools) at exit.
// Plain JavaScript: it runs before tsx's loader is there.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.CITEBOT_CPU_PROFILE_DIR;
// tsx's own launcher (argv[1] is its cli.mjs) only relays signals: not worth a profile.
if (dir && !process.argv[1]?.includes('tsx')) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // An in-thread session answers synchronously, so this completes before the process is gone.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `bot-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
