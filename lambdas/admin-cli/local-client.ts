/** The operator endpoint of a running `npm start`, found through its data folder (operator-file.ts). */
import { resolve } from 'node:path';
import { OPERATOR_SECRET_HEADER } from '../api/operator/authenticate.ts';
import { readOperatorFile } from '../local/operator-file.ts';
import { AdminCliError, type OperatorClient } from './client.ts';

export async function localClient(dataDir: string): Promise<OperatorClient> {
  const dir = resolve(dataDir);
  const file = await readOperatorFile(dir);
  if (!file) throw new AdminCliError(`no running npm start found in ${dir} (start it, or set DATA_DIR to its data folder)`);
  const url = new URL(file.url);
  // Loopback only: the secret is never sent anywhere else.
  if (url.hostname !== '127.0.0.1' && url.hostname !== '::1' && url.hostname !== 'localhost') throw new AdminCliError(`operator file names ${url.host}, not a loopback server`);
  return {
    async call(method, path, body) {
      let res: Response;
      try {
        res = await fetch(new URL(path, file.url), {
          method,
          headers: { [OPERATOR_SECRET_HEADER]: file.secret, ...(body !== undefined && { 'content-type': 'application/json' }) },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
      } catch {
        throw new AdminCliError(`npm start at ${file.url} does not answer (stopped? pid ${file.pid})`);
      }
      return { status: res.status, body: await res.text() };
    },
  };
}
