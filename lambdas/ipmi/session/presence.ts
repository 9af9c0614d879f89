import { decodePresencePong, encodePresencePing, type PresencePong } from '../rmcp/rmcp.ts';
import { peekKind } from '../rmcp/session-frame.ts';
import { DEFAULT_POLICY, exchange, type RetryPolicy } from '../transport/exchange.ts';
import { sharedTransport, type UdpTransport } from '../transport/udp-transport.ts';

let nextTag = 0;

/**
 * RMCP/ASF Presence Ping (IPMI v2.0 section 13.2.3): answered by a BMC without a session,
 * so it tells "reachable and speaks RMCP" apart from "bad credentials" cheaply.
 */
export function presencePing(
  host: string,
  port = 623,
  options: Partial<RetryPolicy> & { transport?: UdpTransport } = {},
): Promise<PresencePong> {
  const transport = options.transport ?? sharedTransport();
  const tag = (nextTag = (nextTag + 1) & 0xfe);
  const packet = encodePresencePing(tag);
  return exchange<PresencePong>({
    what: 'ASF Presence Ping',
    host: `${host}:${port}`,
    policy: { ...DEFAULT_POLICY, ...options },
    send: () => transport.send(host, port, packet),
    listen: (sink) =>
      transport.onSessionless(host, port, (buf) => {
        if (peekKind(buf) !== 'asf') return;
        const pong = decodePresencePong(buf);
        if (pong.tag === tag) sink.resolve(pong);
      }),
  });
}
