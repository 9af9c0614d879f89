import { describe, expect, it } from 'vitest';
import { EscapeReader } from '../../lambdas/cli/sol-escape.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("ipmitool's SOL escapes", () => {
  it('~. at the start ends the session and sends nothing after it', () => {
    const r = new EscapeReader().feed(enc('~.ignored'));
    expect(r).toMatchObject({ exit: true });
    expect(text(r.forward)).toBe('');
  });

  it('~. after a newline ends it; bytes before it are still sent', () => {
    const r = new EscapeReader().feed(enc('ls\r~.'));
    expect(r.exit).toBe(true);
    expect(text(r.forward)).toBe('ls\r');
  });

  it('a ~ inside a line is ordinary text', () => {
    const r = new EscapeReader().feed(enc('cd ~.x'));
    expect(r.exit).toBe(false);
    expect(text(r.forward)).toBe('cd ~.x');
  });

  it('works across chunks, as a raw terminal delivers keys one by one', () => {
    const esc = new EscapeReader();
    expect(esc.feed(enc('\r')).exit).toBe(false);
    expect(text(esc.feed(enc('~')).forward)).toBe('');
    expect(esc.feed(enc('.')).exit).toBe(true);
  });

  it('~~ sends one ~, ~B a break, ~? help, ~ before anything else both bytes', () => {
    const esc = new EscapeReader();
    expect(text(esc.feed(enc('~~')).forward)).toBe('~');
    expect(esc.feed(enc('\r~B')).breaks).toBe(1);
    expect(esc.feed(enc('\r~?')).help).toBe(true);
    expect(text(esc.feed(enc('\r~x')).forward)).toBe('\r~x');
  });
});
