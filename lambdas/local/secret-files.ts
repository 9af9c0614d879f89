/**
 * Small secrets of a local run kept in the data folder, readable by the owner only: the admin
 * API key that `npm start` prints on every start, and the simulated fleet's password.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const ADMIN_KEY_FILE = 'admin-api-key';
export const SIMULATOR_PASSWORD_FILE = 'simulator-password';

export async function readSecretFile(dataDir: string, name: string): Promise<string | undefined> {
  try {
    const value = (await readFile(join(dataDir, name), 'utf8')).trim();
    return value === '' ? undefined : value;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export async function writeSecretFile(dataDir: string, name: string, value: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, name);
  await writeFile(path, value + '\n', { mode: 0o600 });
  // writeFile keeps the mode of an existing file; make sure it is private either way.
  await chmod(path, 0o600);
}

/** A password for the simulated BMCs: 16 characters, within RMCP+'s 20-byte limit. */
export async function simulatorPassword(dataDir: string): Promise<string> {
  const existing = await readSecretFile(dataDir, SIMULATOR_PASSWORD_FILE);
  if (existing) return existing;
  const password = randomBytes(12).toString('base64url');
  await writeSecretFile(dataDir, SIMULATOR_PASSWORD_FILE, password);
  return password;
}
