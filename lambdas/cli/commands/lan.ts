import type { Command as Program } from 'commander';
import { lanDetails, readAlertDestinations, sendTestAlert, setAlertDestination, setCommunity, setLan, type LanChange, type LanDetails } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { keyValue, table } from '../format.ts';
import { intArg, readSecret } from './config-args.ts';

/** The `bmc lan print --json` contract; `--all` adds the extended fields. */
function summaryJson(d: LanDetails) {
  return { ipSource: d.ipSource, ipAddress: d.ipAddress, netmask: d.netmask, gateway: d.gateway, macAddress: d.macAddress, vlanId: d.vlanId };
}

function formatLan(d: LanDetails): string {
  return keyValue([
    ['IP Address Source', d.ipSource],
    ['IP Address', d.ipAddress],
    ['Subnet Mask', d.netmask],
    ['Default Gateway IP', d.gateway],
    ['MAC Address', d.macAddress],
    ['802.1q VLAN ID', d.vlanId === null ? 'Disabled' : String(d.vlanId)],
    ['802.1q VLAN Priority', d.vlanPriority === null ? 'Not Available' : String(d.vlanPriority)],
    ['Auth Type Enable', d.authTypeEnables ? Object.entries(d.authTypeEnables).map(([level, types]) => `${level}: ${types.join(' ') || '-'}`) : 'Not Available'],
    ['RMCP+ Cipher Suites', d.cipherSuitePrivileges ? d.cipherSuitePrivileges.map((c) => c.id).join(',') : 'Not Available'],
    ['Cipher Suite Priv Max', d.cipherSuitePrivileges ? d.cipherSuitePrivileges.map((c) => c.privilege).join('') : 'Not Available'],
  ]);
}

interface LanSetOptions {
  ipsrc?: string;
  ipaddr?: string;
  netmask?: string;
  gateway?: string;
  vlan?: string;
  vlanPriority?: string;
  confirm?: boolean;
  channel?: string;
}

function channelOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : intArg('--channel', text, 0, 15);
}

export function registerLan(program: Program, ctx: CommandContext): void {
  const lan = program.command('lan').description('LAN configuration: lan print | lan set | lan alert print|set|test');
  lan
    .command('print')
    .option('--channel <n>', 'channel number (default: the one in use)')
    .option('--all', 'with --json, add VLAN priority, auth types and cipher suite privileges')
    .action(async (o: { channel?: string; all?: boolean }) => {
      const d = await ctx.bmc((s) => lanDetails(s, channelOf(o.channel)));
      ctx.emit(() => formatLan(d), () => (o.all ? d : summaryJson(d)));
    });
  lan
    .command('set')
    .description('change addressing or VLAN; on the channel in use this needs --confirm')
    .option('--ipsrc <source>', 'static or dhcp')
    .option('--ipaddr <address>')
    .option('--netmask <mask>')
    .option('--gateway <address>', 'default gateway (must be on the subnet)')
    .option('--vlan <id>', 'VLAN id 1-4094, or "off"')
    .option('--vlan-priority <n>', '0-7')
    .option('--confirm', 'allow a change that can cut the BMC off the management network')
    .option('--channel <n>', 'channel number (default: the one in use)')
    .action(async (o: LanSetOptions) => {
      if (o.ipsrc !== undefined && o.ipsrc !== 'static' && o.ipsrc !== 'dhcp') throw new UsageError(`--ipsrc: static or dhcp, got "${o.ipsrc}"`);
      const change: LanChange = {
        ...(o.ipsrc !== undefined && { ipSource: o.ipsrc as 'static' | 'dhcp' }),
        ...(o.ipaddr !== undefined && { ipAddress: o.ipaddr }),
        ...(o.netmask !== undefined && { netmask: o.netmask }),
        ...(o.gateway !== undefined && { gateway: o.gateway }),
        ...(o.vlan !== undefined && { vlanId: o.vlan === 'off' ? null : intArg('--vlan', o.vlan, 1, 4094) }),
        ...(o.vlanPriority !== undefined && { vlanPriority: intArg('--vlan-priority', o.vlanPriority, 0, 7) }),
      };
      if (Object.keys(change).length === 0) throw new UsageError('lan set: nothing to change');
      const channel = channelOf(o.channel);
      const r = await ctx.bmc((s) => setLan(s, change, { confirm: o.confirm === true, ...(channel !== undefined && { channel }) }));
      ctx.emit(() => formatLan({ ...r.after, channel: 0, vlanPriority: null, authTypeEnables: null, cipherSuitePrivileges: null }), () => ({ before: r.before, after: r.after }));
    });

  const alert = lan.command('alert').description('LAN alert destinations (SNMP PET trap receivers)');
  alert.command('print').option('--channel <n>').action(async (o: { channel?: string }) => {
    const r = await ctx.bmc((s) => readAlertDestinations(s, channelOf(o.channel)));
    ctx.emit(
      () =>
        `Community: ${r.community}\n` +
        table(['Dest', 'Type', 'Ack', 'Timeout', 'Retries', 'Gateway', 'IP Address', 'MAC Address'], r.destinations.map((d) => [String(d.destination), d.type, String(d.acknowledge), String(d.timeoutSeconds), String(d.retries), d.useBackupGateway ? 'backup' : 'default', d.ipAddress, d.macAddress])),
      () => r,
    );
  });
  alert
    .command('set')
    .argument('<destination>', 'destination 1..N')
    .requiredOption('--ipaddr <address>', 'trap receiver address')
    .option('--macaddr <mac>', 'receiver (or gateway) MAC address')
    // The community string is a shared secret of SNMP v1/v2c: never taken from argv.
    .option('--community-file <path>', 'set the SNMP community string (shared by all destinations) from the first line of this file')
    .option('--community-from-env <name>', 'set the SNMP community string from this environment variable')
    .option('--channel <n>')
    .action(async (dest: string, o: { ipaddr: string; macaddr?: string; communityFile?: string; communityFromEnv?: string; channel?: string }) => {
      const destination = intArg('destination', dest, 1, 15);
      const channel = channelOf(o.channel);
      const community = await readSecret(ctx.io, 'community', { ...(o.communityFile !== undefined && { file: o.communityFile }), ...(o.communityFromEnv !== undefined && { env: o.communityFromEnv }) });
      await ctx.bmc(async (s) => {
        // The destination first: it is checked against the BMC's table, and a refusal must leave the community as it was.
        await setAlertDestination(s, { destination, ipAddress: o.ipaddr, ...(o.macaddr !== undefined && { macAddress: o.macaddr }) }, channel);
        if (community !== undefined) await setCommunity(s, community, channel);
      });
      ctx.emit(() => `Alert destination ${destination}: ${o.ipaddr}\n`, () => ({ destination, ipAddress: o.ipaddr }));
    });
  alert
    .command('test')
    .argument('<destination>', 'destination 1..N')
    .option('--channel <n>')
    .action(async (dest: string, o: { channel?: string }) => {
      const destination = intArg('destination', dest, 0, 15);
      await ctx.bmc((s) => sendTestAlert(s, destination, channelOf(o.channel)));
      ctx.emit(() => `Test alert sent to destination ${destination}\n`, () => ({ destination, sent: true }));
    });
}
