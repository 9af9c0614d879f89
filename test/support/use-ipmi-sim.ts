/**
 * One ipmi_sim per test file (or per describe block), started before its tests and stopped
 * after them, optionally with one session open to it for the tests to share:
 *
 *   const bmc = useIpmiSim();
 *   it('reads sensors', async () => {
 *     const s = await openSession(sessionTarget(bmc()));
 *   });
 *
 *   const bmcs = useIpmiSims([{ power: 'on' }, { power: 'off' }]);
 *
 *   const bmc = useIpmiSimSession({ solConsole: false });
 *   it('reads the power state', async () => expect(await powerStatus(bmc().session)).toBe('on'));
 *
 * Both register vitest hooks, so call them at the top of a file or of a describe block.
 */
import { afterAll, beforeAll } from 'vitest';
import { openSession, type Session, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { startIpmiSim, type IpmiSimHandle, type IpmiSimOptions } from './ipmi-sim.ts';

/** What openSession needs to reach an ipmi_sim as its admin user. */
export function sessionTarget(sim: IpmiSimHandle): SessionOptions {
  return { host: sim.host, port: sim.port, username: sim.username, password: sim.password };
}

export function useIpmiSim(options?: IpmiSimOptions): () => IpmiSimHandle {
  const sims = useIpmiSims([options ?? {}]);
  return () => sims()[0]!;
}

/** Several ipmi_sim instances for one file or describe block, started side by side. */
export function useIpmiSims(options: readonly IpmiSimOptions[]): () => readonly IpmiSimHandle[] {
  let handles: IpmiSimHandle[] = [];
  beforeAll(async () => {
    const started = await Promise.allSettled(options.map((o) => startIpmiSim(o)));
    // The ones that did start are stopped by afterAll even when another one failed.
    handles = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.stop()));
  });
  return () => {
    if (handles.length !== options.length) throw new Error('useIpmiSim: ipmi_sim is not running (used outside a test?)');
    return handles;
  };
}

export interface IpmiSimWithSession {
  readonly sim: IpmiSimHandle;
  readonly session: Session;
}

/**
 * ipmi_sim and one session to it as admin (`session` overrides options such as the cipher
 * suite). The session is closed before ipmi_sim stops, also when a test failed.
 */
export function useIpmiSimSession(options?: IpmiSimOptions, session?: Partial<SessionOptions>): () => IpmiSimWithSession {
  let sim: IpmiSimHandle | undefined;
  let s: Session | undefined;
  beforeAll(async () => {
    sim = await startIpmiSim(options);
    s = await openSession({ ...sessionTarget(sim), ...session });
  });
  afterAll(async () => {
    await s?.close();
    await sim?.stop();
  });
  return () => {
    if (!sim || !s) throw new Error('useIpmiSimSession: ipmi_sim is not running (used outside a test?)');
    return { sim, session: s };
  };
}
