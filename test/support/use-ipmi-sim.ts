/**
 * One ipmi_sim per test file, started before its tests and stopped after them:
 *
 *   const bmc = useIpmiSim();
 *   it('reads sensors', async () => {
 *     const { host, port, username, password } = bmc();
 *     const s = await openSession({ host, port, username, password });
 *   });
 */
import { afterAll, beforeAll } from 'vitest';
import { startIpmiSim, type IpmiSimHandle, type IpmiSimOptions } from './ipmi-sim.ts';

export function useIpmiSim(options?: IpmiSimOptions): () => IpmiSimHandle {
  let handle: IpmiSimHandle | undefined;
  beforeAll(async () => {
    handle = await startIpmiSim(options);
  });
  afterAll(async () => {
    await handle?.stop();
  });
  return () => {
    if (!handle) throw new Error('useIpmiSim: ipmi_sim is not running (used outside a test?)');
    return handle;
  };
}
