/**
 * In-flight markers: the durable trace of a state-changing action between its `started` audit
 * event and its outcome. One is written before `started` and removed after the outcome, so a
 * process that dies in between (a Lambda environment killed mid-action) leaves a marker that a
 * recovery sweep (orphan-sweep.ts) can find without scanning the audit log.
 */
import type { Caller, JsonValue, TenantId } from '../types.ts';

export interface InFlightAction {
  /** Unique per action (one request may act on one BMC more than once). */
  readonly id: string;
  readonly tenantId: TenantId;
  readonly bmcId: string;
  /** Who acted, under which request id: the outcome is written under the same. */
  readonly caller: Caller;
  /** Audit action name, e.g. `bmc.power.set`, and its parameters as in the `started` event. */
  readonly action: string;
  readonly parameters: { readonly [key: string]: JsonValue };
  /** ISO 8601, taken just before the marker was written. */
  readonly startedAt: string;
}

export interface InFlightStore {
  /** Writes a marker (never overwriting one). */
  add(marker: InFlightAction): Promise<void>;
  /** Removes a marker whatever its state; removing one that is gone is not an error. */
  remove(marker: InFlightAction): Promise<void>;
  /** Markers started before `before` (ISO 8601), oldest first, at most `limit`. */
  startedBefore(before: string, limit: number): Promise<InFlightAction[]>;
  /** The markers of one request on one BMC. */
  ofRequest(tenantId: TenantId, bmcId: string, requestId: string): Promise<InFlightAction[]>;
  /**
   * Takes a marker for recovery until `untilMs` (epoch ms): false when it is gone or another
   * recoverer holds it past `nowMs`. One recoverer at a time writes the orphan's outcome.
   */
  claim(marker: InFlightAction, owner: string, untilMs: number, nowMs: number): Promise<boolean>;
  /** Removes a marker this owner claimed (the outcome is written); false when the claim was lost. */
  settle(marker: InFlightAction, owner: string): Promise<boolean>;
}

/**
 * No markers (unit tests without a coordination table): nothing to recover across processes.
 * Every claim is granted, so an action always writes its own outcome.
 */
export const noInFlightStore: InFlightStore = {
  add: async () => undefined,
  remove: async () => undefined,
  startedBefore: async () => [],
  ofRequest: async () => [],
  claim: async () => true,
  settle: async () => true,
};
