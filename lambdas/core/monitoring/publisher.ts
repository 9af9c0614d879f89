import type { MonitorEvent } from './model.ts';

/** Where collection hands the events of a cycle: the event store, webhooks and the bus each implement it. */
export interface EventPublisher {
  publish(events: readonly MonitorEvent[]): Promise<void>;
}
