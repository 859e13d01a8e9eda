// Node entry: parse the environment, start, and shut down cleanly on SIGINT/SIGTERM.
import { EnvError, parseEnv } from './env';
import { createLogger } from './node/logger';
import { start } from './node/start';

let env;
try {
  env = parseEnv(process.env);
} catch (err) {
  if (err instanceof EnvError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(env.LOG_LEVEL);
const started = await start(env, logger);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    void started.close().then(() => process.exit(0));
  });
}
