/**
 * The IPMI gateway adapter under the real services, against OpenIPMI's ipmi_sim: a BMC
 * this project did not write. Checks the gateway's mapping of library results and errors
 * to the domain, and password rotation with Set User Password on a real BMC.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BOOT_LOG } from '../support/ipmi-sim.ts';
import { useIpmiSim } from '../support/use-ipmi-sim.ts';
import { freeUdpPort } from '../support/ports.ts';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { MemoryAccessLog, MemoryApiKeyRepository, MemoryAuditLog, MemoryBmcRepository, MemoryCredentialStore, MemoryTenantSettingsStore } from '../../lambdas/adapters/memory/index.ts';
import { createServices, type CoreServices } from '../../lambdas/core/index.ts';
import { BmcCredentials } from '../../lambdas/core/credentials.ts';
import type { Bmc } from '../../lambdas/core/types.ts';
import { caller } from '../support/caller.ts';

const sim = useIpmiSim({ power: 'on' });
let services: CoreServices;
let auditLog: MemoryAuditLog;
let credentials: MemoryCredentialStore;
let gateway: IpmiGateway;
let bmc: Bmc;

beforeAll(async () => {
  gateway = new IpmiGateway({ minActionIntervalMs: 0, powerVerifyDelaysMs: [100, 200, 400, 800, 1600], timeoutMs: 1000, retries: 2 });
  auditLog = new MemoryAuditLog();
  credentials = new MemoryCredentialStore();
  services = createServices({ bmcs: new MemoryBmcRepository(), apiKeys: new MemoryApiKeyRepository(), auditLog, accessLog: new MemoryAccessLog(), tenantSettings: new MemoryTenantSettingsStore(), credentials, gateway });
  bmc = await services.bmcs.register(caller('admin'), {
    name: 'ipmi-sim',
    address: sim().host,
    port: sim().port,
    credentials: { username: sim().username, password: sim().password },
  });
});

describe('IpmiGateway against ipmi_sim', () => {
  it('reads power, chassis status and device info, negotiating a cipher suite ipmi_sim has', async () => {
    expect(await services.actions.powerStatus(caller('viewer'), bmc.id)).toBe('on');
    const chassis = await services.actions.chassisStatus(caller('viewer'), bmc.id);
    expect(chassis).toMatchObject({ power: 'on', powerFault: false });
    const info = await services.actions.deviceInfo(caller('viewer'), bmc.id);
    expect(info.ipmiVersion).toBe('2.0');
    expect(info.guid).not.toBeNull();
  });

  it('powers off, confirms by re-reading, and ipmi_sim agrees', async () => {
    const result = await services.actions.power(caller('operator'), bmc.id, 'off');
    expect(result).toEqual({ action: 'off', power: 'off', confirmed: true });
    expect((await sim().chassis()).power).toBe('off');
    const result2 = await services.actions.power(caller('operator'), bmc.id, 'on');
    expect(result2).toMatchObject({ power: 'on', confirmed: true });
  });

  it('sets and reads back the boot device', async () => {
    await services.actions.setBootDevice(caller('operator'), bmc.id, { device: 'pxe', persistent: false, efi: false });
    expect((await sim().chassis()).boot).toBe('pxe');
    expect(await services.actions.bootDevice(caller('viewer'), bmc.id)).toMatchObject({ device: 'pxe' });
  });

  it('reads sensors (and derives health), SEL and FRU', async () => {
    const sensors = await services.actions.sensors(caller('viewer'), bmc.id);
    expect(sensors.length).toBeGreaterThan(0);
    for (const s of sensors) expect(['ok', 'nc', 'cr', 'nr', 'ns']).toContain(s.status);
    const bmcNow = await services.bmcs.get(caller('viewer'), bmc.id);
    expect(['ok', 'warning', 'critical']).toContain(bmcNow.health);
    const sel = await services.actions.selList(caller('viewer'), bmc.id);
    expect(Array.isArray(sel)).toBe(true);
    const fru = await services.actions.fru(caller('viewer'), bmc.id, 0);
    expect(fru.board?.manufacturer).toBeTruthy();
  });

  it('captures the SOL console', async () => {
    const capture = await services.actions.solCapture(caller('operator'), bmc.id, 2);
    expect(capture.bytes).toBeGreaterThan(0);
    expect(capture.output).toContain(BOOT_LOG.split('\n')[0]?.trim().slice(0, 20));
  });

  it('maps a wrong password to BMC_AUTH_FAILED and a silent port to BMC_UNREACHABLE', async () => {
    const endpoint = { tenantId: 't1', address: sim().host, port: sim().port, cipherSuite: 3, privilege: 'admin' } as const;
    await expect(gateway.powerStatus(endpoint, new BmcCredentials(sim().username, 'not-the-password'))).rejects.toMatchObject({ code: 'BMC_AUTH_FAILED' });
    const silent = { ...endpoint, port: await freeUdpPort() };
    await expect(gateway.powerStatus(silent, new BmcCredentials(sim().username, sim().password))).rejects.toMatchObject({ code: 'BMC_UNREACHABLE' });
  });

  it('rotates the password on the BMC: change, verify, commit', async () => {
    const next = `rot-${Date.now().toString(36)}`;
    await services.bmcs.rotateCredentials(caller('admin'), bmc.id, { mode: 'set-on-bmc', credentials: { username: sim().username, password: next } });
    expect((await credentials.get('acme', bmc.id))?.reveal().password).toBe(next);
    const endpoint = { tenantId: 't1', address: sim().host, port: sim().port, cipherSuite: 3, privilege: 'admin' } as const;
    await expect(gateway.powerStatus(endpoint, new BmcCredentials(sim().username, sim().password))).rejects.toMatchObject({ code: 'BMC_AUTH_FAILED' });
    expect(await services.actions.powerStatus(caller('viewer'), bmc.id)).toBe('on');
    expect(JSON.stringify(auditLog.events)).not.toContain(next);
  });
});
