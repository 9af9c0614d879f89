/**
 * The core services as a worker runs them: DynamoDB ports over shared stores (DynamoDB Local),
 * file credentials, a real IPMI gateway, and job messages kept in an array the test drains.
 */
import { createDynamoPorts } from '../../lambdas/adapters/dynamodb/index.ts';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { FileCredentialStore } from '../../lambdas/adapters/local/file-credential-store.ts';
import { createServices, type CoreServices, type CorePorts } from '../../lambdas/core/index.ts';
import type { JobMessage } from '../../lambdas/core/jobs/ports.ts';
import type { SharedStores } from './shared-stores.ts';

export interface CoreOverDynamo {
  readonly services: CoreServices;
  readonly ports: ReturnType<typeof createDynamoPorts>;
  readonly gateway: IpmiGateway;
  /** Job messages sent and not yet handled. */
  readonly queue: JobMessage[];
  /** Handles every queued message (and those they queue) with one worker. */
  drain(worker?: { taskDeadlineMs?: number }): Promise<void>;
}

export function coreOverDynamo(stores: SharedStores, extra: Partial<CorePorts> = {}): CoreOverDynamo {
  const ports = createDynamoPorts(stores.documentClient, stores.names);
  // 600 ms a try: on two shared cores a 300 ms answer can come late and read as an unreachable BMC.
  const gateway = new IpmiGateway({ sdrCache: false, timeoutMs: 600, retries: 1 });
  const queue: JobMessage[] = [];
  const services = createServices({
    ...ports,
    credentials: new FileCredentialStore(stores.credentialsDir),
    gateway,
    jobs: { store: ports.jobStore!, queue: { send: async (m) => void queue.push(...m) } },
    ...extra,
  });
  return {
    services,
    ports,
    gateway,
    queue,
    async drain(options = {}) {
      const worker = services.jobWorker({ owner: 'test-worker', ...options });
      while (queue.length > 0) await worker.handle(queue.shift() as JobMessage);
    },
  };
}
