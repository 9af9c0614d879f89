/**
 * How `bmc-admin` finds a running `npm start`: `<DATA_DIR>/operator.json`, mode 0600, with the
 * server's URL and a secret made fresh on every start. Only the owner of the data folder can read
 * it, so only they can call the operator endpoint; a tenant API key never can.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const OPERATOR_FILE = 'operator.json';

export interface OperatorFile {
  /** Base URL of the local server, e.g. http://127.0.0.1:4000. */
  readonly url: string;
  readonly secret: string;
  readonly pid: number;
}

export function newOperatorSecret(): string {
  return randomBytes(32).toString('base64url');
}

export async function writeOperatorFile(dataDir: string, file: OperatorFile): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, OPERATOR_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  // Created 0600 before the secret is written into it.
  await writeFile(temp, `${JSON.stringify(file)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
}

export async function readOperatorFile(dataDir: string): Promise<OperatorFile | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, OPERATOR_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const value = JSON.parse(text) as Partial<OperatorFile>;
  if (typeof value.url !== 'string' || typeof value.secret !== 'string' || typeof value.pid !== 'number') throw new Error(`${OPERATOR_FILE}: not an operator file`);
  return { url: value.url, secret: value.secret, pid: value.pid };
}

/** Removes the file if it is still this process's (a newer server may have replaced it). */
export async function removeOperatorFile(dataDir: string, secret: string): Promise<void> {
  const current = await readOperatorFile(dataDir).catch(() => undefined);
  if (current?.secret === secret) await rm(join(dataDir, OPERATOR_FILE), { force: true });
}
