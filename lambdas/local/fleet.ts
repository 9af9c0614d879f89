/**
 * The simulated fleet of a local run and its registration in the default tenant. Registrations
 * are kept in step with where the simulators listen: missing ones are registered, moved ones
 * updated (with port 0 the kernel picks new ports each start), all through the audited services.
 */
import { DEFAULT_PROFILE, startFleet, type Fleet } from '../simulator/index.ts';
import { defaultScenarios } from './default-scenarios.ts';
import type { CoreServices } from '../core/index.ts';
import type { Bmc, Caller, Page } from '../core/types.ts';

export const SIMULATED_TAG = 'simulated';

export interface LocalFleet {
  readonly fleet: Fleet | undefined;
  readonly registered: readonly Bmc[];
  stop(): Promise<void>;
}

async function listSimulated(services: CoreServices, caller: Caller): Promise<Bmc[]> {
  const out: Bmc[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Bmc> = await services.bmcs.list(caller, { tags: [SIMULATED_TAG] }, { limit: 500, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export async function startLocalFleet(
  services: CoreServices,
  caller: Caller,
  options: { count: number; host: string; basePort: number; password: string; scenarios: 'default' | 'none'; fruProductName?: string },
): Promise<LocalFleet> {
  if (options.count === 0) return { fleet: undefined, registered: [], stop: async () => undefined };
  const story = options.scenarios === 'default' ? { selHistory: true, scenarios: defaultScenarios(options.count) } : {};
  const profile = options.fruProductName === undefined ? DEFAULT_PROFILE : { ...DEFAULT_PROFILE, fru: { ...DEFAULT_PROFILE.fru, productName: options.fruProductName } };
  const fleet = await startFleet({ count: options.count, host: options.host, basePort: options.basePort, password: options.password, profile, ...story });
  try {
    const existing = new Map((await listSimulated(services, caller)).map((b) => [b.name, b]));
    const registered: Bmc[] = [];
    for (let i = 0; i < fleet.size; i++) {
      const { host, port } = fleet.bmc(i);
      const name = `sim-${String(i + 1).padStart(2, '0')}`;
      const known = existing.get(name);
      if (!known) {
        registered.push(
          await services.bmcs.register(caller, {
            name,
            address: host,
            port,
            tags: [SIMULATED_TAG, `rack:r${Math.floor(i / 4) + 1}`],
            credentials: { username: 'admin', password: options.password },
          }),
        );
      } else if (known.address !== host || known.port !== port) {
        registered.push(await services.bmcs.update(caller, known.id, { address: host, port }));
      } else {
        registered.push(known);
      }
    }
    return { fleet, registered, stop: () => fleet.stop() };
  } catch (e) {
    await fleet.stop();
    throw e;
  }
}
