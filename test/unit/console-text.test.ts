/**
 * Console text for display (lambdas/ipmi/codec/console-text.ts): what a hostile or merely
 * chatty serial console can send, and what a terminal view keeps of it.
 */
import { describe, expect, it } from 'vitest';
import { consoleText } from '../../lambdas/ipmi/codec/console-text.ts';

const text = (s: string) => consoleText(new TextEncoder().encode(s));

describe('consoleText', () => {
  it('keeps lines and tabs; CR LF and a lone CR become LF', () => {
    expect(text('a\tb\r\nc\rd\ne')).toBe('a\tb\nc\nd\ne');
  });

  it('drops CSI sequences whole: colours, cursor moves, screen clears, private modes', () => {
    expect(text('\x1b[31mred\x1b[0m \x1b[2J\x1b[H\x1b[?25lx\x1b[1;31;40my')).toBe('red xy');
  });

  it('drops OSC (window title, hyperlinks) ended by BEL or ST, and DCS/APC strings', () => {
    expect(text('\x1b]0;pwned\x07a\x1b]8;;http://evil/\x1b\\b\x1bPq#0;2\x1b\\c\x1b_apc\x1b\\d')).toBe('abcd');
  });

  it('drops two-byte escapes, C1 CSI, NUL, BEL, backspace and DEL', () => {
    expect(text('\x1bc\x1b(Ba\u009b31mb\x00\x07\x08\x7fc')).toBe('abc');
  });

  it('shows bidirectional overrides and invalid UTF-8 as U+FFFD', () => {
    expect(text('x\u202ey')).toBe('x\ufffdy');
    expect(consoleText(Uint8Array.from([0x61, 0xff, 0x62]))).toBe('a\ufffdb');
  });

  it('an unfinished sequence at the end is dropped, and text after a broken CSI is kept', () => {
    expect(text('ok\x1b[12')).toBe('ok');
    expect(text('\x1b[1\nnext')).toBe('\nnext');
  });

  it('leaves ordinary console text as it is', () => {
    const boot = '[    0.000000] Linux version 6.1.0 (gcc 12.2.0) #1 SMP\nhost login: ';
    expect(text(boot)).toBe(boot);
  });
});
