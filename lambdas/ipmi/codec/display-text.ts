/**
 * Text a BMC sends (FRU fields, SDR ID strings) is untrusted: a hostile or broken BMC can put
 * control bytes, terminal escape sequences, CR/LF or bidirectional overrides there, which would
 * rewrite a terminal, forge a log line or disguise a name. Display text keeps every printable
 * character and replaces the rest with U+FFFD, so the damage is visible and nothing is executed;
 * the raw bytes stay available where a type carries them (FRU fields' `bytes`, SEL `raw`).
 */
const REPLACEMENT = '\ufffd';

/** C0 controls, DEL, C1 controls, and the invisible marks that reorder or hide text. */
export function isUnsafeCodePoint(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

export function displayText(text: string): string {
  let out: string | undefined;
  for (let i = 0; i < text.length; i++) {
    if (isUnsafeCodePoint(text.charCodeAt(i))) {
      out ??= text.slice(0, i);
      out += REPLACEMENT;
    } else if (out !== undefined) {
      out += text[i];
    }
  }
  return out ?? text;
}
