/** What the monitoring schedule sends the worker (its rule's fixed input), apart from the sweep's scheduled event. */
export const MONITOR_SCHEDULE_INPUT = { task: 'monitor.schedule' } as const;
export type MonitorTick = typeof MONITOR_SCHEDULE_INPUT;
