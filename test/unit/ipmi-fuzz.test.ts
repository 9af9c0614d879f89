import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IpmiError } from '../../lambdas/ipmi/errors.ts';
import { ConfidentialityAlgorithm, IntegrityAlgorithm } from '../../lambdas/ipmi/crypto/cipher-suites.ts';
import { decodeLanMessage, requestMessage } from '../../lambdas/ipmi/rmcp/lan-message.ts';
import { decodePresencePong, encodePresencePong } from '../../lambdas/ipmi/rmcp/rmcp.ts';
import { decodeV15, encodeV15, encodeV2, openV2Payload, parseV2Header, PayloadType, type FrameKeys } from '../../lambdas/ipmi/rmcp/session-frame.ts';
import { decodeOpenSessionResponse, decodeRakp1, decodeRakp2, decodeRakp4, encodeOpenSessionResponse, encodeRakp2 } from '../../lambdas/ipmi/session/rakp-messages.ts';
import { parseCipherSuiteRecords } from '../../lambdas/ipmi/commands/app/get-channel-cipher-suites.ts';
import { decodeSolPacket } from '../../lambdas/ipmi/sol/sol-packet.ts';
import { decodeSdrRecord } from '../../lambdas/ipmi/sdr/decode.ts';
import { decodeSelRecord } from '../../lambdas/ipmi/sel/record.ts';
import { decodeFruInventory } from '../../lambdas/ipmi/fru/inventory.ts';
import type { Command } from '../../lambdas/ipmi/commands/command.ts';
import { fuzzer } from '../fuzz/mutate.ts';
import { runFuzz } from '../fuzz/run.ts';

/**
 * Hostile-input fuzzing: thousands of random and mutated inputs into every decoder a BMC's
 * bytes reach. The only acceptable failures are the library's typed errors (IpmiError);
 * a TypeError, RangeError or a hang would be a crash waiting for a real BMC to trigger it.
 */

// Deterministic, so that a failure reproduces (test/fuzz/mutate.ts; `npm run fuzz` runs the same at scale).
const { corpus } = fuzzer(0x1b2c3d4e);

function survives(decode: (b: Uint8Array) => unknown, inputs: Iterable<Uint8Array>): number {
  let typed = 0;
  for (const input of inputs) {
    try {
      decode(input);
    } catch (e) {
      if (!(e instanceof IpmiError)) {
        throw new Error(`untyped ${String((e as Error)?.name)} on input ${Buffer.from(input).toString('hex')}: ${String(e)}`);
      }
      typed++;
    }
  }
  return typed;
}

const keys: FrameKeys = {
  integrity: IntegrityAlgorithm.hmacSha1_96,
  confidentiality: ConfidentialityAlgorithm.aesCbc128,
  k1: new Uint8Array(20).fill(1),
  k2: new Uint8Array(20).fill(2),
  password: new TextEncoder().encode('pw'),
};

describe('decoders under hostile input', () => {
  it('RMCP+ packets: header parse, integrity check and decryption', () => {
    const samples = [
      encodeV2({ payloadType: PayloadType.ipmi, sessionId: 5, sequence: 9, payload: requestMessage(6, 1, 1, new Uint8Array()) }, keys),
      encodeV2({ payloadType: PayloadType.openSessionResponse, sessionId: 0, sequence: 0, payload: new Uint8Array(36) }),
      encodeV2({ payloadType: PayloadType.oemExplicit, sessionId: 7, sequence: 1, payload: new Uint8Array(8), oem: { iana: 4542, payloadId: 1 } }),
    ];
    const typed = survives((b) => openV2Payload(b, parseV2Header(b), keys), corpus(samples, 5000));
    expect(typed).toBeGreaterThan(4000); // nearly everything must be refused
  });

  it('IPMI v1.5 packets, LAN messages and presence pongs', () => {
    const v15 = [encodeV15(0, 0, requestMessage(6, 0x38, 3, Uint8Array.from([0x8e, 4])))];
    survives(decodeV15, corpus(v15, 3000));
    survives(decodeLanMessage, corpus([requestMessage(6, 1, 1, Uint8Array.from([1, 2, 3]))], 3000, 40));
    survives(decodePresencePong, corpus([encodePresencePong(3)], 2000, 40));
  });

  it('Open Session and RAKP responses', () => {
    const open = encodeOpenSessionResponse({ tag: 1, status: 0, privilege: 4, consoleSessionId: 1, bmcSessionId: 2, auth: 1, integrity: 1, confidentiality: 1 });
    survives(decodeOpenSessionResponse, corpus([open], 3000, 48));
    const rakp2 = encodeRakp2({ tag: 1, status: 0, consoleSessionId: 1, bmcRandom: new Uint8Array(16), bmcGuid: new Uint8Array(16), authCode: new Uint8Array(20) });
    survives(decodeRakp2, corpus([rakp2], 3000, 64));
    survives(decodeRakp4, corpus([], 1000, 32));
    survives(decodeRakp1, corpus([], 1000, 48));
  });

  it('cipher suite records, SOL packets, SDR, SEL and FRU decoders', () => {
    survives(parseCipherSuiteRecords, corpus([Uint8Array.from([0xc0, 3, 1, 0x41, 0x81, 0xc1, 0x80, 1, 2, 3, 0x01])], 3000, 64));
    survives(decodeSolPacket, corpus([], 1000, 32));
    survives(decodeSdrRecord, corpus([], 5000, 80));
    survives(decodeSelRecord, corpus([], 3000, 20));
    survives(decodeFruInventory, corpus([], 3000, 256));
  });

  it('every command response decoder in lambdas/ipmi/commands', async () => {
    const root = fileURLToPath(new URL('../../lambdas/ipmi/commands/', import.meta.url));
    let decoders = 0;
    for (const netfn of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(`${root}${netfn.name}`).filter((f) => f.endsWith('.ts'))) {
        const mod = (await import(`${root}${netfn.name}/${file}`)) as Record<string, unknown>;
        for (const value of Object.values(mod)) {
          const cmd = value as Partial<Command<unknown, unknown>>;
          if (typeof cmd?.decode !== 'function' || typeof cmd.name !== 'string' || typeof cmd.cmd !== 'number') continue;
          decoders++;
          survives((b) => cmd.decode!(b), corpus([], 400, 40));
        }
      }
    }
    expect(decoders).toBeGreaterThan(20);
  });
});

describe('the fuzz runner (npm run fuzz) at a fiftieth of its scale', () => {
  it('feeds every target, and none lets an untyped error out', async () => {
    const summary = await runFuzz(20_261_203, 0.02);
    expect(summary.rows.length).toBeGreaterThanOrEqual(16);
    for (const row of summary.rows) expect(row.outcome.inputs, row.name).toBeGreaterThan(0);
    expect(summary.rows.flatMap((r) => r.outcome.examples)).toEqual([]);
    expect(summary.untyped).toBe(0);
  }, 120_000);
});
