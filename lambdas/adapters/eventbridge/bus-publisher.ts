/**
 * Monitoring events onto an EventBridge bus, for AWS-native consumers: one bus event per change,
 * `source` bmc-control-plane.monitoring, `detail-type` the event kind, and the tenant id in the
 * detail beside the event, so a rule can route per tenant. Thin on purpose: everything above it
 * is tested for real, the wiring by CDK assertions (test/cdk/monitoring.test.ts).
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { MonitorEvent } from '../../core/monitoring/model.ts';
import type { EventPublisher } from '../../core/monitoring/publisher.ts';

export const BUS_SOURCE = 'bmc-control-plane.monitoring';
/** PutEvents takes at most 10 entries per call. */
const BATCH = 10;

export function busEntry(busName: string, event: MonitorEvent): PutEventsRequestEntry {
  return { EventBusName: busName, Source: BUS_SOURCE, DetailType: event.kind, Time: new Date(event.time), Detail: JSON.stringify({ tenantId: event.tenantId, event }) };
}

export class EventBusPublisher implements EventPublisher {
  constructor(
    private readonly client: Pick<EventBridgeClient, 'send'>,
    private readonly busName: string,
  ) {}

  async publish(events: readonly MonitorEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += BATCH) {
      let entries = events.slice(i, i + BATCH).map((e) => busEntry(this.busName, e));
      // Entries refused one by one (throttling) are sent again once; what still fails is an error.
      for (let attempt = 0; entries.length > 0; attempt++) {
        const out = await this.client.send(new PutEventsCommand({ Entries: entries }));
        if (!out.FailedEntryCount) break;
        if (attempt >= 1) throw new Error(`EventBridge refused ${out.FailedEntryCount} event(s): ${out.Entries?.find((e) => e.ErrorCode)?.ErrorCode ?? 'unknown'}`);
        entries = entries.filter((_, k) => out.Entries?.[k]?.ErrorCode);
      }
    }
  }
}

/** The bus named by EVENT_BUS_NAME, or undefined when this function has none. */
export function eventBusPublisher(env: Readonly<Record<string, string | undefined>> = process.env): EventBusPublisher | undefined {
  const name = env['EVENT_BUS_NAME'];
  return name ? new EventBusPublisher(new EventBridgeClient({}), name) : undefined;
}
