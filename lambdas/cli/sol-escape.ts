/** What the user's keystrokes mean once ipmitool's escapes are taken out. */
export interface EscapeResult {
  /** Bytes for the console. */
  forward: Uint8Array;
  /** `~.`: end the session. */
  exit: boolean;
  /** `~B`: send a serial break. */
  breaks: number;
  /** `~?`: print the escapes. */
  help: boolean;
}

const TILDE = 0x7e;
const CR = 0x0d;
const LF = 0x0a;

export const ESCAPE_HELP = 'Supported escape sequences:\r\n  ~.  terminate connection\r\n  ~B  send a BREAK\r\n  ~?  this message\r\n  ~~  send the escape character by typing it twice\r\n(Escapes are recognized only after a newline.)\r\n';

/**
 * ipmitool's SOL escapes: `~` is an escape only at the start of a line (after CR or LF, or
 * first of all), as ssh does, so a `~` inside typed text reaches the console. `~.` ends the
 * session, `~B` sends a break, `~?` prints help, `~~` sends one `~`; `~` before anything else
 * is sent as typed, with that byte. Keeps state across chunks: a terminal in raw mode may
 * deliver `~` and `.` separately.
 */
export class EscapeReader {
  private atLineStart = true;
  private pendingTilde = false;

  feed(chunk: Uint8Array): EscapeResult {
    const out: number[] = [];
    const result: EscapeResult = { forward: new Uint8Array(0), exit: false, breaks: 0, help: false };
    for (const b of chunk) {
      if (this.pendingTilde) {
        this.pendingTilde = false;
        if (b === 0x2e) {
          result.exit = true;
          break;
        }
        if (b === 0x42) result.breaks++;
        else if (b === 0x3f) result.help = true;
        else if (b === TILDE) out.push(TILDE);
        else out.push(TILDE, b);
        this.atLineStart = b === CR || b === LF;
        continue;
      }
      if (b === TILDE && this.atLineStart) {
        this.pendingTilde = true;
        continue;
      }
      out.push(b);
      this.atLineStart = b === CR || b === LF;
    }
    result.forward = Uint8Array.from(out);
    return result;
  }
}
