import { convertReading } from '../sdr/conversion.ts';
import type { FullSensorRecord } from '../sdr/types.ts';
import { unitString } from '../sdr/units.ts';

export interface ThresholdEventData {
  /** Event data 1: [7:6] 01b = byte 2 is the trigger reading, [5:4] 01b = byte 3 is the trigger threshold, [3:0] offset. */
  eventData1: number;
  eventData2: number;
  eventData3: number;
}

/** ipmitool's "%.*f": no decimals for whole numbers, else `digits`. */
function fmt(v: number, digits: number): string {
  return Number.isInteger(v) ? v.toFixed(0) : v.toFixed(digits);
}

/**
 * The trailing column `sel elist` prints for a threshold event (event/reading type 01h)
 * of a sensor with a full SDR: "Reading 95 > Threshold 90 degrees C". Trigger reading and
 * threshold are in event data 2 and 3 when event data 1 says so (section 29.7 Table 29-6);
 * the comparison is ">" for odd offsets (going-high states, Table 42-2) and "<" otherwise.
 * Returns null when the event carries no trigger reading or the sensor has no analog one.
 */
export function thresholdEventDetail(sdr: FullSensorRecord, ev: ThresholdEventData): string | null {
  if (((ev.eventData1 >> 6) & 0x03) !== 0x01) return null;
  const convert = (raw: number) => convertReading(raw, sdr.units.analogFormat, sdr.factors, sdr.linearization);
  const reading = convert(ev.eventData2);
  if (reading === null) return null;
  let text = `Reading ${fmt(reading, 2)}`;
  if (((ev.eventData1 >> 4) & 0x03) === 0x01) {
    const threshold = convert(ev.eventData3);
    if (threshold !== null) {
      const cmp = (ev.eventData1 & 0x0f) % 2 === 1 ? '>' : '<';
      text += ` ${cmp} Threshold ${fmt(threshold, 2)} ${unitString(sdr.units)}`;
    }
  }
  return text;
}
