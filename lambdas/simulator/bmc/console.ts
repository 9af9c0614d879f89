/**
 * The host's serial console as Serial over LAN shows it: a boot log that unfolds line by
 * line after power-on or reset, shutdown messages, and echo of typed input. Lines are
 * computed from the time since boot when someone reads them, so BMCs without an SOL
 * session do no work at all.
 */

export type ConsoleSink = (bytes: Uint8Array) => void;

function bootLog(hostname: string, bootDevice: string): string[] {
  return [
    '',
    'Simulated Systems BIOS v2.41.0719 (C) 2024',
    'CPU: 2 x Xeon-class 32C @ 2.60GHz, Memory: 262144 MB OK',
    'Press <DEL> for Setup, <F11> for Boot Menu, <F12> for PXE',
    `Boot device: ${bootDevice}`,
    'Booting from Hard Disk...',
    'GRUB loading.',
    'Loading Linux 6.1.0-sim-amd64 ...',
    'Loading initial ramdisk ...',
    '[    0.000000] Linux version 6.1.0-sim-amd64 (gcc 12.2.0) #1 SMP PREEMPT_DYNAMIC',
    '[    0.000000] Command line: BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro console=ttyS0,115200n8',
    '[    0.412301] ACPI: IPMI: BMC at 0xca2 (KCS)',
    '[    1.208114] ipmi_si IPI0001:00: IPMI kcs interface initialized',
    '[    2.771902] EXT4-fs (sda1): mounted filesystem with ordered data mode',
    '[    4.102233] systemd[1]: Reached target Multi-User System.',
    '',
    `Debian GNU/Linux 12 ${hostname} ttyS0`,
    '',
    `${hostname} login: `,
  ];
}

const encoder = new TextEncoder();

export class Console {
  private bootAt = 0;
  private linesSent = 0;
  private lines: string[] | undefined;
  private sink: ConsoleSink | undefined;
  private flood: Uint8Array | undefined;
  /** Bytes handed to an SOL session so far (what a capture could have seen). */
  printed = 0;

  constructor(
    private readonly hostname: string,
    private readonly lineMs: () => number,
  ) {}

  /** Power-on or reset: the boot log starts over. */
  boot(bootDevice: string): void {
    this.bootAt = Date.now();
    this.linesSent = 0;
    this.lines = bootLog(this.hostname, bootDevice);
  }

  /** Power-off: nothing more to print. */
  halt(message: string): void {
    this.write(message);
    this.lines = undefined;
  }

  write(text: string): void {
    this.print(encoder.encode(text));
  }

  private print(bytes: Uint8Array): void {
    if (!this.sink) return;
    this.printed += bytes.length;
    this.sink(bytes);
  }

  /**
   * A chatty or hostile console: prints `text` again at every pump for as long as an SOL session
   * listens, as fast as the session drains it (null stops it).
   */
  chatter(text: string | null): void {
    this.flood = text === null ? undefined : encoder.encode(text);
  }

  echo(bytes: Uint8Array): void {
    // A terminal echoes CR as CR LF.
    const out: number[] = [];
    for (const b of bytes) {
      out.push(b);
      if (b === 0x0d) out.push(0x0a);
    }
    this.print(Uint8Array.from(out));
  }

  attach(sink: ConsoleSink): void {
    this.sink = sink;
  }

  detach(): void {
    this.sink = undefined;
  }

  /** Sends boot log lines that are due by now. */
  pump(now = Date.now()): void {
    if (this.flood) this.print(this.flood);
    if (!this.lines || !this.sink) return;
    const due = Math.min(this.lines.length, Math.floor((now - this.bootAt) / Math.max(1, this.lineMs())) + 1);
    let text = '';
    for (; this.linesSent < due; this.linesSent++) {
      const line = this.lines[this.linesSent]!;
      text += this.linesSent === this.lines.length - 1 ? line : line + '\r\n';
    }
    if (text) this.write(text);
  }
}
