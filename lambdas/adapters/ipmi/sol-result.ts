/** A console capture as the core reports it: cleaned text for display, the raw bytes in base64. */
import type { SolCapture } from '../../core/bmc-data.ts';
import { consoleText } from '../../ipmi/codec/console-text.ts';
import type { SolCaptureBytes } from '../../ipmi/sol/sol-console.ts';

export function solCaptureResult(capture: SolCaptureBytes, seconds: number): SolCapture {
  const { data, truncated, droppedBytes } = capture;
  return { output: consoleText(data), raw: Buffer.from(data).toString('base64'), bytes: data.length, truncated, droppedBytes, seconds };
}
