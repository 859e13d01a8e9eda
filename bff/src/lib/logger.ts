/**
 * The app logs through this interface so the Hono app module stays free of
 * Node-only packages; the Node entry passes a pino logger, tests a silent one.
 */
export type Logger = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
