/** Text from a BMC is shown, never obeyed: control bytes, escapes and bidi overrides are replaced. */
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../lambdas/ipmi/codec/bytes.ts';
import { displayText } from '../../lambdas/ipmi/codec/display-text.ts';
import { encodeLatin1Field, readFruField } from '../../lambdas/ipmi/fru/type-length.ts';
import { decodeIdString } from '../../lambdas/ipmi/sdr/id-string.ts';

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe('display text', () => {
  it('keeps printable text, HTML included, as it is (escaping markup is the renderer\'s job)', () => {
    for (const s of ['Fan 1', 'PowerEdge R750 <b>x</b>', '°C', 'Ünïcödé 电源', '']) expect(displayText(s)).toBe(s);
  });

  it('replaces C0 and C1 controls, DEL, CR/LF, terminal escapes and bidi overrides', () => {
    expect(displayText('a\x1b[31mred\x1b[0m')).toBe('a\ufffd[31mred\ufffd[0m');
    expect(displayText('line1\r\nFAKE: ok')).toBe('line1\ufffd\ufffdFAKE: ok');
    expect(displayText('x\x7f\x85\x9by')).toBe('x\ufffd\ufffd\ufffdy');
    expect(displayText('invoice\u202Etxt.exe')).toBe('invoice\ufffdtxt.exe');
    expect(displayText('\u2066a\u2069\u200e\ufeff')).toBe('\ufffda\ufffd\ufffd\ufffd');
  });

  it('applies to FRU text fields, which keep their raw bytes', () => {
    const hostile = 'Srv\x1b]0;owned\x07\r\nX';
    const f = readFruField(new ByteReader(encodeLatin1Field(hostile), 'test'));
    expect(f?.text).toBe('Srv\ufffd]0;owned\ufffd\ufffd\ufffdX');
    expect(f?.bytes).toEqual(latin1(hostile));
  });

  it('applies to SDR ID strings', () => {
    // C8h: 8-bit ASCII + Latin-1, 8 bytes (IPMI v2.0 section 43.15).
    expect(decodeIdString(0xc8, latin1('Fan\x1b[2J1'), 'test')).toBe('Fan\ufffd[2J1');
  });
});
