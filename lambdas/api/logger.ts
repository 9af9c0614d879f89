/**
 * The logging the API needs: structured lines with a correlation id. Powertools' Logger fits this
 * shape in Lambda; locally a JSON-lines writer is used. Callers pass only safe fields: no
 * variables, bodies or headers (they may hold passwords or API keys).
 */
export interface ApiLogger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Readonly<Record<Level, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Error objects as loggable fields: name, message and stack, never enumerable extras. */
export function errorFields(e: unknown): Record<string, unknown> {
  return e instanceof Error ? { error: e.name, detail: e.message, stack: e.stack } : { error: String(e) };
}

export function jsonLinesLogger(
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  minLevel: Level = 'info',
): ApiLogger {
  const log = (level: Level) => (message: string, fields: Readonly<Record<string, unknown>> = {}) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: ApiLogger = { debug() {}, info() {}, warn() {}, error() {} };
