/**
 * The failed-login guard (bmc-auth-guard.ts) around the configuration gateway too: configuration
 * sessions log in like any other, so their failures count against the same limits.
 */
import { BmcAuthGuard } from './bmc-auth-guard.ts';
import type { BmcConfigGateway } from './bmc-config-port.ts';
import { DomainError } from './errors.ts';
import type { BmcEndpoint } from './ports.ts';

export function guardedConfigGateway(gateway: BmcConfigGateway, guard: BmcAuthGuard): BmcConfigGateway {
  return new Proxy(gateway, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (endpoint: BmcEndpoint, ...rest: unknown[]) => {
        guard.check(endpoint);
        try {
          return await (value as (endpoint: BmcEndpoint, ...rest: unknown[]) => Promise<unknown>).call(target, endpoint, ...rest);
        } catch (e) {
          // A counter that cannot be written must not hide the BMC's own answer.
          if (e instanceof DomainError && e.code === 'BMC_AUTH_FAILED') await guard.failed(endpoint).catch(() => undefined);
          throw e;
        }
      };
    },
  });
}
