/**
 * The IPMI library's answers in the control plane's vocabulary (lambdas/core/bmc-data.ts).
 */
import type { BootDevice, ChassisStatus, DeviceInfo } from '../../core/bmc-data.ts';
import type { ChassisStatus as IpmiChassisStatus } from '../../ipmi/commands/chassis/get-chassis-status.ts';
import type { DeviceInfo as IpmiDeviceInfo } from '../../ipmi/index.ts';

/**
 * The boot device the BMC reports, in the API's vocabulary. The selector is reported whether
 * or not the valid bit (Table 28-14 byte 1 bit 7) is set, as ipmitool does: ipmi_sim never
 * sets it. Remote and special devices map to the medium they boot from (the API offers five
 * devices: pxe, disk, cdrom, bios, none).
 */
export function reportedBootDevice(device: string): BootDevice {
  switch (device) {
    case 'pxe':
    case 'disk':
    case 'cdrom':
    case 'bios':
    case 'none':
      return device;
    case 'remote-cdrom':
      return 'cdrom';
    case 'safe':
    case 'diag':
    case 'remote-disk':
    case 'remote-primary':
      return 'disk';
    default:
      return 'none';
  }
}

/** Get Chassis Status (section 28.2 Table 28-3), with byte 3's bits named as the spec names them. */
export function chassisStatusOf(st: IpmiChassisStatus): ChassisStatus {
  const last = st.lastPowerEvent;
  const lastPowerEvent = [
    last.acFailed && 'ac-failed',
    last.overload && 'overload',
    last.interlock && 'interlock',
    last.fault && 'fault',
    last.command && 'command',
  ].filter((x): x is string => typeof x === 'string');
  return {
    power: st.powerOn ? 'on' : 'off',
    powerOverload: st.powerOverload,
    powerInterlock: st.interlock,
    powerFault: st.powerFault,
    powerControlFault: st.powerControlFault,
    restorePolicy: st.restorePolicy,
    lastPowerEvent,
    intrusion: st.intrusion,
    frontPanelLockout: st.frontPanelLockout,
    driveFault: st.driveFault,
    coolingFault: st.coolingFault,
    identify: st.identifyState === null || st.identifyState === 'reserved' ? 'unsupported' : st.identifyState,
  };
}

export function deviceInfoOf(d: IpmiDeviceInfo): DeviceInfo {
  return {
    deviceId: d.deviceId,
    deviceRevision: d.deviceRevision,
    firmwareVersion: d.firmwareRevision,
    ipmiVersion: d.ipmiVersion,
    manufacturerId: d.manufacturerId,
    manufacturer: d.manufacturerName,
    productId: d.productId,
    guid: d.guid,
  };
}
