/**
 * One SEL record as the `bmc sel list` JSON and the API present it (docs/cli.md):
 * {id, timestamp, recordType, sensorType, sensorNumber, event, direction, raw}.
 * The event text is the description column of `ipmitool sel elist`, from the event
 * tables in ../events (sections 42.1-42.2); records the tables cannot name get a text
 * that still says what they hold, where ipmitool would print nothing.
 */
import { toHex } from '../codec/bytes.ts';
import { describeEvent } from '../events/describe.ts';
import { sensorTypeName } from '../events/sensor-types.ts';
import { decodeSelRecord, type SelRecord, type SystemEventRecord } from './record.ts';
import { timestampToIso } from './timestamp.ts';

export interface SelEntry {
  readonly id: number;
  /** ISO 8601 UTC, or null for pre-init and unspecified times (section 37). */
  readonly timestamp: string | null;
  readonly recordType: number;
  readonly sensorType: string;
  readonly sensorNumber: number;
  readonly event: string;
  readonly direction: 'asserted' | 'deasserted';
  /** The 16 record bytes as lowercase hex. */
  readonly raw: string;
}

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

export function systemEventText(rec: SystemEventRecord): string {
  const [ed1, ed2, ed3] = rec.eventData;
  const text = describeEvent({
    sensorType: rec.sensorType,
    eventType: rec.eventType,
    eventData1: ed1,
    eventData2: ed2,
    eventData3: ed3,
  });
  if (text) return text;
  if (rec.eventType >= 0x70 && rec.eventType <= 0x7f) {
    return `OEM event type 0x${hex(rec.eventType, 2)}, offset 0x${hex(ed1 & 0x0f, 2)}`;
  }
  return `Unknown event: type 0x${hex(rec.eventType, 2)}, offset 0x${hex(ed1 & 0x0f, 2)}`;
}

function entryFields(rec: SelRecord): Omit<SelEntry, 'id' | 'raw' | 'recordType'> {
  switch (rec.kind) {
    case 'system-event':
      return {
        timestamp: timestampToIso(rec.timestamp),
        sensorType: sensorTypeName(rec.sensorType),
        sensorNumber: rec.sensorNumber,
        event: systemEventText(rec),
        direction: rec.direction,
      };
    case 'oem-timestamped':
      return {
        timestamp: timestampToIso(rec.timestamp),
        sensorType: 'OEM',
        sensorNumber: 0,
        // ipmitool prints the manufacturer ID MS byte first, then the data.
        event: `OEM record ${hex(rec.recordType, 2)}: manufacturer ${hex(rec.manufacturerId, 6)}, data ${toHex(rec.oemData)}`,
        direction: 'asserted',
      };
    case 'oem-non-timestamped':
      return {
        timestamp: null,
        sensorType: 'OEM',
        sensorNumber: 0,
        event: `OEM record ${hex(rec.recordType, 2)}: data ${toHex(rec.oemData)}`,
        direction: 'asserted',
      };
    case 'reserved':
      return {
        timestamp: null,
        sensorType: 'Unknown',
        sensorNumber: 0,
        event: `Reserved record type 0x${hex(rec.recordType, 2)}`,
        direction: 'asserted',
      };
  }
}

/** Decodes a 16-byte record into its list entry. Throws TruncatedError/MalformedError on bad bytes. */
export function selEntryFromBytes(bytes: Uint8Array): SelEntry {
  const rec = decodeSelRecord(bytes);
  return { id: rec.id, recordType: rec.recordType, ...entryFields(rec), raw: toHex(bytes) };
}
