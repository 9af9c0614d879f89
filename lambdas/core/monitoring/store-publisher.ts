/** The events store as a publisher: every published event is kept for the tenant's queries. */
import type { Clock } from '../ports.ts';
import type { MonitoringStore } from './ports.ts';
import type { EventPublisher } from './publisher.ts';

/** Events are kept 90 days: long enough to look back over a quarter's incidents. */
export const EVENT_RETENTION_DAYS = 90;

export function storePublisher(store: MonitoringStore, clock: Clock, retentionDays = EVENT_RETENTION_DAYS): EventPublisher {
  return {
    publish: (events) => (events.length === 0 ? Promise.resolve() : store.putEvents(events, Math.floor(clock.now().getTime() / 1000) + retentionDays * 86_400)),
  };
}
