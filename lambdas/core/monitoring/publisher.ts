/**
 * Where new monitoring events go once collection has noticed them: the events store, the
 * EventBridge bus, the webhook dispatcher. Each is a publisher; `fanOut` hands every batch to
 * all of them, so collection never knows how many there are.
 */
import type { MonitorEvent } from './model.ts';

export interface EventPublisher {
  publish(events: readonly MonitorEvent[]): Promise<void>;
}

/**
 * Publishes to every publisher, each on its own: one that fails (the bus throttled, a webhook
 * queue down) neither stops the others nor loses their delivery. The first failure is rethrown
 * after all have run, so the caller can retry the batch; publishers are idempotent per event id.
 */
export function fanOut(...publishers: readonly EventPublisher[]): EventPublisher {
  return {
    async publish(events) {
      if (events.length === 0) return;
      const results = await Promise.allSettled(publishers.map((p) => p.publish(events)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

/** A publisher that drops everything (no bus configured). */
export const noPublisher: EventPublisher = { publish: async () => undefined };
