/**
 * The admin API key of a local run. Keys are stored as hashes only, so to print the same key on
 * every start it is also kept in the (private) data folder; when it no longer authenticates
 * (revoked, expired, data folder reset) a new one is issued.
 */
import type { ApiKeyService } from '../core/services/api-key-service.ts';
import { isDomainError } from '../core/errors.ts';
import { ADMIN_KEY_FILE, readSecretFile, writeSecretFile } from './secret-files.ts';

export async function ensureAdminKey(apiKeys: ApiKeyService, dataDir: string, tenantId: string): Promise<string> {
  const saved = await readSecretFile(dataDir, ADMIN_KEY_FILE);
  if (saved) {
    try {
      const principal = await apiKeys.authenticate(saved);
      if (principal.tenantId === tenantId && principal.role === 'admin') return saved;
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'UNAUTHENTICATED') throw e;
    }
  }
  const { key } = await apiKeys.bootstrap(tenantId, 'npm start admin', 'local-bootstrap');
  await writeSecretFile(dataDir, ADMIN_KEY_FILE, key);
  return key;
}
