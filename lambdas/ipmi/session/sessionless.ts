import { CompletionCodeError } from '../errors.ts';
import type { Command } from '../commands/command.ts';
import { decodeLanMessage, requestMessage } from '../rmcp/lan-message.ts';
import { decodeV15, encodeV15, peekKind } from '../rmcp/session-frame.ts';
import { exchange, type RetryPolicy } from '../transport/exchange.ts';
import type { UdpTransport } from '../transport/udp-transport.ts';

const nextSeq = new WeakMap<UdpTransport, number>();

function allocSeq(t: UdpTransport): number {
  const s = ((nextSeq.get(t) ?? randomSeed()) + 1) & 0x3f;
  nextSeq.set(t, s);
  return s;
}

function randomSeed(): number {
  return Math.floor(Math.random() * 64);
}

/**
 * Sends a command outside any session, in an IPMI v1.5 wrapper with auth type NONE and
 * session ID 0 (section 13.6). Used for Get Channel Authentication Capabilities and Get
 * Channel Cipher Suites before RMCP+ session setup.
 */
export function sessionlessCall<Req, Res>(
  transport: UdpTransport,
  host: string,
  port: number,
  command: Command<Req, Res>,
  req: Req,
  policy: RetryPolicy,
): Promise<Res> {
  const rqSeq = allocSeq(transport);
  const packet = encodeV15(0, 0, requestMessage(command.netFn, command.cmd, rqSeq, command.encode(req)));
  return exchange<Res>({
    what: command.name,
    host,
    policy,
    send: () => transport.send(host, port, packet),
    listen: (sink) =>
      transport.onSessionless(host, port, (buf) => {
        if (peekKind(buf) !== 'v15') return;
        const msg = decodeLanMessage(decodeV15(buf).message);
        if (msg.rqSeq !== rqSeq || msg.cmd !== command.cmd || msg.netFn !== (command.netFn | 1)) return;
        const cc = msg.body[0];
        if (cc === undefined) return;
        if (cc !== 0) return sink.reject(new CompletionCodeError(command.name, cc, command.completionCodes));
        try {
          sink.resolve(command.decode(msg.body.subarray(1)));
        } catch (e) {
          sink.reject(e);
        }
      }),
  });
}
