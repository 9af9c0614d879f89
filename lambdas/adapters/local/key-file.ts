/**
 * A symmetric key in a file of its own (mode 0600), created exclusively on first use so two
 * first runs cannot write two keys. The local stand-in for KMS: the credentials file and the
 * webhook secrets are sealed with it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

export async function loadOrCreateKey(path: string, bytes: number): Promise<Uint8Array> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(randomBytes(bytes));
    } finally {
      await handle.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const info = await stat(path);
  // Like ssh with private keys: a key others can read is not used.
  if ((info.mode & 0o077) !== 0) throw new KeyFileError(`${path}: permissions ${(info.mode & 0o777).toString(8)} are too open; chmod 600 it`);
  const key = new Uint8Array(await readFile(path));
  if (key.length !== bytes) throw new KeyFileError(`${path}: must hold ${bytes} bytes, has ${key.length}`);
  return key;
}
