/**
 * Delivery signatures: HMAC-SHA256 with the webhook's secret over `<timestamp>.<body>`, hex,
 * sent as `X-BMC-Signature: v1=<hex>` with `X-BMC-Timestamp` (Unix seconds). Signing the
 * timestamp with the body lets a receiver refuse replays older than its tolerance window;
 * `X-BMC-Event-Id` lets it drop a redelivery it already handled.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-bmc-signature';
export const TIMESTAMP_HEADER = 'x-bmc-timestamp';
export const EVENT_ID_HEADER = 'x-bmc-event-id';
export const DELIVERY_ID_HEADER = 'x-bmc-delivery-id';

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (docs/monitoring.md): recompute, compare in constant time, check the age. */
export function verify(secret: string, header: string, timestamp: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const ts = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, ts, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
