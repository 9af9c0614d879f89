/**
 * Storage NetFn (0Ah) commands: FRU inventory (section 34), SDR repository (33) and SEL (31).
 * Reservations follow the spec: partial reads (offset > 0) need the current reservation,
 * and a newer reservation or an erase cancels the old one (C5h).
 */
import { ByteReader, ByteWriter, NetFn } from '../../ipmi/protocol.ts';
import type { Bmc } from '../bmc/bmc.ts';
import { hostileSdrRecord } from '../bmc/hostile-storage.ts';
import { SENSOR } from '../bmc/profile.ts';
import { CC, fail, ok, Priv, register, type CommandContext, type CommandTable, type Reply } from './registry.ts';

/** SDR and SEL version 51h (IPMI v1.5/2.0 formats). */
const VERSION_51 = 0x51;
const SEL_ERASE_IN_PROGRESS = 0x81;
/** Largest Read FRU Data count served; larger asks get CAh and clients retry smaller. */
const MAX_FRU_READ = 64;

// ---- FRU (34.1, 34.2) ----

function fruInventoryAreaInfo({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 1) return fail(CC.requestLength);
  if (data[0] !== 0) return fail(CC.notPresent);
  return ok(new ByteWriter(3).u16le(bmc.fruImage().length).u8(0x00).finish()); // byte access
}

function readFruData({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 4) return fail(CC.requestLength);
  const r = new ByteReader(data, 'Read FRU Data request');
  const id = r.u8();
  const offset = r.u16le();
  const count = r.u8();
  if (id !== 0) return fail(CC.notPresent);
  const image = bmc.fruImage();
  if (offset >= image.length) return fail(CC.outOfRange);
  const cut = bmc.profile.hostile?.readBytes;
  if (cut === undefined && count > MAX_FRU_READ) return fail(CC.cannotReturnBytes);
  const bytes = image.subarray(offset, Math.min(image.length, offset + Math.min(count, cut ?? count)));
  return ok(new ByteWriter(1 + bytes.length).u8(bytes.length).bytes(bytes).finish());
}

// ---- SDR repository (33.9, 33.11, 33.12) ----

/** Record `recordId` (0000h first, FFFFh last) and the ID of the one after it. */
function sdrRecordAt(bmc: Bmc, recordId: number): { record: Uint8Array; next: number } | undefined {
  const hostileCount = bmc.profile.hostile?.sdrRecords;
  if (hostileCount !== undefined) {
    const id = recordId === 0 ? 1 : recordId === 0xffff ? hostileCount : recordId;
    if (id < 1 || id > hostileCount) return undefined;
    return { record: hostileSdrRecord(id), next: id < hostileCount ? id + 1 : 0xffff };
  }
  const records = bmc.catalog.records;
  const index = recordId === 0 ? 0 : recordId === 0xffff ? records.length - 1 : bmc.catalog.recordIndex.get(recordId);
  const record = index === undefined ? undefined : records[index];
  if (index === undefined || !record) return undefined;
  const nextRecord = records[index + 1];
  return { record, next: nextRecord ? nextRecord[0]! | (nextRecord[1]! << 8) : 0xffff };
}

function sdrRepositoryInfo({ bmc }: CommandContext): Reply {
  const stamp = bmc.sdrTimestamp;
  const hostile = bmc.profile.hostile;
  const count = hostile?.sdrClaimed ?? hostile?.sdrRecords ?? bmc.catalog.records.length;
  return ok(
    new ByteWriter(14)
      .u8(VERSION_51)
      .u16le(Math.min(0xffff, count))
      .u16le(0x0000) // no free space: the repository is read-only
      .u32le(stamp)
      .u32le(stamp)
      .u8(0x22) // non-modal updates, Reserve SDR Repository supported
      .finish(),
  );
}

function getSdr({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 6) return fail(CC.requestLength);
  const r = new ByteReader(data, 'Get SDR request');
  const reservation = r.u16le();
  const recordId = r.u16le();
  const offset = r.u8();
  const count = r.u8();
  if (bmc.storageFaults.cancelSdrReservationNow()) bmc.sdrReservation = 0;
  if (offset > 0 && (reservation === 0 || reservation !== bmc.sdrReservation)) return fail(CC.reservationCancelled);
  const found = sdrRecordAt(bmc, recordId);
  if (!found) return fail(CC.notPresent);
  const { record, next } = found;
  if (offset >= record.length) return fail(CC.outOfRange);
  let want = count === 0xff ? record.length - offset : Math.min(count, record.length - offset);
  const cut = bmc.profile.hostile?.readBytes;
  if (cut !== undefined) want = Math.min(want, cut);
  else if (want > bmc.profile.maxSdrReadBytes) return fail(CC.cannotReturnBytes);
  return ok(new ByteWriter(2 + want).u16le(next).bytes(record.subarray(offset, offset + want)).finish());
}

// ---- SEL (31.2-31.11) ----

function selInfo({ bmc }: CommandContext): Reply {
  const sel = bmc.sel;
  return ok(
    new ByteWriter(14)
      .u8(VERSION_51)
      .u16le(Math.min(0xffff, bmc.profile.hostile?.selClaimed ?? sel.count))
      .u16le(Math.min(0xffff, sel.freeBytes))
      .u32le(sel.lastAdd)
      .u32le(sel.lastErase)
      .u8((sel.overflow ? 0x80 : 0) | 0x02) // [7] overflow, [1] Reserve SEL supported
      .finish(),
  );
}

function reserveSel({ bmc }: CommandContext): Reply {
  if (bmc.sel.erasing) return fail(SEL_ERASE_IN_PROGRESS);
  return ok(new ByteWriter(2).u16le(bmc.sel.reserve()).finish());
}

function getSelEntry({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 6) return fail(CC.requestLength);
  if (bmc.sel.erasing) return fail(SEL_ERASE_IN_PROGRESS);
  const r = new ByteReader(data, 'Get SEL Entry request');
  const reservation = r.u16le();
  const recordId = r.u16le();
  const offset = r.u8();
  const count = r.u8();
  if (bmc.storageFaults.selReservationLostNow()) return fail(CC.reservationCancelled);
  if (offset > 0 && (reservation === 0 || reservation !== bmc.sel.reservation)) return fail(CC.reservationCancelled);
  const found = bmc.sel.get(recordId);
  if (!found) return fail(CC.notPresent);
  if (offset >= found.record.length) return fail(CC.outOfRange);
  const hostile = bmc.profile.hostile;
  const want = Math.min(count === 0xff ? found.record.length - offset : Math.min(count, found.record.length - offset), hostile?.readBytes ?? 0xff);
  const first = bmc.sel.get(0);
  // A looping log names its first entry after its last.
  const next = hostile?.selLoop && found.next === 0xffff && first ? first.record[0]! | (first.record[1]! << 8) : found.next;
  return ok(new ByteWriter(2 + want).u16le(next).bytes(found.record.subarray(offset, offset + want)).finish());
}

/** Clear SEL, 31.9: reservation, 'CLR', AAh initiate / 00h status; progress 0 in progress, 1 done. */
function clearSel({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 6) return fail(CC.requestLength);
  const r = new ByteReader(data, 'Clear SEL request');
  const reservation = r.u16le();
  const clr = r.bytes(3);
  const action = r.u8();
  if (clr[0] !== 0x43 || clr[1] !== 0x4c || clr[2] !== 0x52) return fail(CC.invalidField);
  if (action === 0xaa) {
    if (reservation === 0 || reservation !== bmc.sel.reservation) return fail(CC.reservationCancelled);
    bmc.sel.clear();
    // Event Logging Disabled (10h) offset 02h: "Log area reset/cleared", as BMCs record a clear.
    bmc.sel.add({ sensorType: 0x10, sensorNumber: SENSOR.selStatus, eventType: 0x6f, deassertion: false, data: [0x02, 0xff, 0xff] });
  } else if (action !== 0x00) {
    return fail(CC.invalidField);
  }
  return ok(Uint8Array.of(bmc.sel.erasing ? 0x00 : 0x01));
}

function getSelTime({ bmc }: CommandContext): Reply {
  return ok(new ByteWriter(4).u32le(bmc.sel.now()).finish());
}

function setSelTime({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 4) return fail(CC.requestLength);
  bmc.sel.setTime(new ByteReader(data).u32le('time'));
  return ok();
}

export function registerStorageCommands(t: CommandTable): void {
  const s = NetFn.storage;
  register(t, s, 0x10, { name: 'Get FRU Inventory Area Info', privilege: Priv.user, handler: fruInventoryAreaInfo });
  register(t, s, 0x11, { name: 'Read FRU Data', privilege: Priv.user, handler: readFruData });
  register(t, s, 0x20, { name: 'Get SDR Repository Info', privilege: Priv.user, handler: sdrRepositoryInfo });
  register(t, s, 0x22, { name: 'Reserve SDR Repository', privilege: Priv.user, handler: ({ bmc }) => ok(new ByteWriter(2).u16le(bmc.reserveSdr()).finish()) });
  register(t, s, 0x23, { name: 'Get SDR', privilege: Priv.user, handler: getSdr });
  register(t, s, 0x40, { name: 'Get SEL Info', privilege: Priv.user, handler: selInfo });
  register(t, s, 0x42, { name: 'Reserve SEL', privilege: Priv.user, handler: reserveSel });
  register(t, s, 0x43, { name: 'Get SEL Entry', privilege: Priv.user, handler: getSelEntry });
  register(t, s, 0x47, { name: 'Clear SEL', privilege: Priv.operator, handler: clearSel });
  register(t, s, 0x48, { name: 'Get SEL Time', privilege: Priv.user, handler: getSelTime });
  register(t, s, 0x49, { name: 'Set SEL Time', privilege: Priv.operator, handler: setSelTime });
}
