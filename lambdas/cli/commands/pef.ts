/**
 * `bmc pef`: Platform Event Filtering (IPMI v2.0 section 30) as ipmitool's `pef` shows it:
 * capabilities and control, the last processed event, the event filter table (Table 30-2,
 * parameter 6) and the alert policy table (Table 30-9, parameter 9). JSON shapes: docs/cli.md.
 */
import type { Command as Program } from 'commander';
import {
  actionBits,
  actionNames,
  EVENT_SEVERITIES,
  lastProcessedEvent,
  listAlertPolicies,
  listEventFilters,
  POLICY_RULES,
  readPefCapabilities,
  setEventFilter,
  severityName,
  updateAlertPolicy,
  type AlertPolicy,
  type AlertPolicyChange,
  type EventFilter,
  type EventFilterChange,
  type EventSeverity,
  type PolicyRule,
} from '../../ipmi/index.ts';
import { toHex } from '../../ipmi/protocol.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { keyValue, table } from '../format.ts';
import { intArg } from './config-args.ts';

/** FFh in the generator, sensor type, sensor number and trigger bytes means "any" (Table 30-2). */
const anyOr = (v: number): number | null => (v === 0xff ? null : v);
const hex2 = (v: number | null): string => (v === null ? 'any' : `0x${v.toString(16).padStart(2, '0')}`);

export function filterJson(f: EventFilter) {
  return {
    id: f.id,
    enabled: f.enabled,
    configurable: !f.preconfigured,
    actions: actionNames(f.actions),
    policyNumber: f.policyNumber,
    severity: severityName(f.severity),
    generatorId: anyOr(f.generatorId),
    sensorType: anyOr(f.sensorType),
    sensorNumber: anyOr(f.sensorNumber),
    eventTrigger: anyOr(f.eventTrigger),
    offsetMask: f.offsetMask,
    eventData: toHex(f.eventData),
  };
}

export function policyJson(p: AlertPolicy) {
  return {
    id: p.id,
    policyNumber: p.policyNumber,
    enabled: p.enabled,
    rule: POLICY_RULES[p.policy] ?? `0x${p.policy.toString(16)}`,
    channel: p.channel,
    destination: p.destination,
    alertStringKey: p.alertStringKey,
  };
}

function formatFilters(filters: readonly EventFilter[]): string {
  return table(
    ['ID', 'Enabled', 'Type', 'Actions', 'Policy', 'Severity', 'Sensor Type', 'Sensor', 'Trigger'],
    filters.map((f) => {
      const j = filterJson(f);
      return [String(j.id), String(j.enabled), j.configurable ? 'configurable' : 'pre-configured', j.actions.join(',') || '-', String(j.policyNumber), j.severity, hex2(j.sensorType), hex2(j.sensorNumber), hex2(j.eventTrigger)];
    }),
  );
}

function formatPolicies(policies: readonly AlertPolicy[]): string {
  return table(
    ['ID', 'Policy', 'Enabled', 'Rule', 'Channel', 'Destination', 'Alert String Key'],
    policies.map((p) => {
      const j = policyJson(p);
      return [String(j.id), String(j.policyNumber), String(j.enabled), j.rule, String(j.channel), String(j.destination), String(j.alertStringKey)];
    }),
  );
}

/** A byte that may be "any" (FFh). */
function byteOrAny(name: string, text: string): number {
  return text === 'any' ? 0xff : intArg(name, text, 0, 0xfe);
}

function enabledFlag(o: { enable?: boolean; disable?: boolean }): boolean | undefined {
  if (o.enable && o.disable) throw new UsageError('--enable and --disable: choose one');
  return o.enable ? true : o.disable ? false : undefined;
}

interface FilterSetOptions {
  enable?: boolean;
  disable?: boolean;
  action?: string;
  policy?: string;
  severity?: string;
  generator?: string;
  sensorType?: string;
  sensor?: string;
  eventTrigger?: string;
  offsetMask?: string;
}

function filterChange(o: FilterSetOptions): EventFilterChange {
  let actions: number | undefined;
  if (o.action !== undefined) {
    try {
      actions = o.action === 'none' ? 0 : actionBits(o.action.split(',').map((a) => a.trim()));
    } catch (e) {
      throw new UsageError(`--action: ${(e as Error).message}`);
    }
  }
  if (o.severity !== undefined && !(o.severity in EVENT_SEVERITIES)) throw new UsageError(`--severity: one of ${Object.keys(EVENT_SEVERITIES).join(', ')}, got "${o.severity}"`);
  const enabled = enabledFlag(o);
  return {
    ...(enabled !== undefined && { enabled }),
    ...(actions !== undefined && { actions }),
    ...(o.policy !== undefined && { policyNumber: intArg('--policy', o.policy, 0, 15) }),
    ...(o.severity !== undefined && { severity: EVENT_SEVERITIES[o.severity as EventSeverity] }),
    ...(o.generator !== undefined && { generatorId: byteOrAny('--generator', o.generator) }),
    ...(o.sensorType !== undefined && { sensorType: byteOrAny('--sensor-type', o.sensorType) }),
    ...(o.sensor !== undefined && { sensorNumber: byteOrAny('--sensor', o.sensor) }),
    ...(o.eventTrigger !== undefined && { eventTrigger: byteOrAny('--event-trigger', o.eventTrigger) }),
    ...(o.offsetMask !== undefined && { offsetMask: intArg('--offset-mask', o.offsetMask, 0, 0xffff) }),
  };
}

interface PolicySetOptions {
  enable?: boolean;
  disable?: boolean;
  policyNumber?: string;
  rule?: string;
  channel?: string;
  destination?: string;
  alertStringKey?: string;
}

function policyChange(o: PolicySetOptions): AlertPolicyChange {
  if (o.rule !== undefined && !POLICY_RULES.includes(o.rule as PolicyRule)) throw new UsageError(`--rule: one of ${POLICY_RULES.join(', ')}, got "${o.rule}"`);
  const enabled = enabledFlag(o);
  return {
    ...(enabled !== undefined && { enabled }),
    ...(o.policyNumber !== undefined && { policyNumber: intArg('--policy-number', o.policyNumber, 1, 15) }),
    ...(o.rule !== undefined && { policy: POLICY_RULES.indexOf(o.rule as PolicyRule) }),
    ...(o.channel !== undefined && { channel: intArg('--channel', o.channel, 0, 15) }),
    ...(o.destination !== undefined && { destination: intArg('--destination', o.destination, 0, 15) }),
    ...(o.alertStringKey !== undefined && { alertStringKey: intArg('--alert-string-key', o.alertStringKey, 0, 255) }),
  };
}

export function registerPef(program: Program, ctx: CommandContext): void {
  const pef = program.command('pef').description('Platform Event Filtering: pef info | pef status | pef filter list|set | pef policy list|set');
  pef
    .command('info')
    .description('PEF version, supported actions, table sizes and control')
    .action(async () => {
      const c = await ctx.bmc((s) => readPefCapabilities(s));
      // BCD, least significant nibble first: 51h is version 1.5 (30.1).
      const version = `${c.version & 0x0f}.${c.version >> 4}`;
      const info = { version, actions: actionNames(c.actions & 0x3f), filterCount: c.filterCount, policyCount: c.policyCount, control: c.control, actionControl: actionNames(c.actionControl) };
      ctx.emit(
        () =>
          keyValue([
            ['PEF Version', version],
            ['Event Filter Table Size', String(c.filterCount)],
            ['Alert Policy Table Size', String(c.policyCount)],
            ['Supported Actions', info.actions.join(', ') || 'none'],
            ['PEF', c.control.enabled ? 'enabled' : 'disabled'],
            ['PEF Event Messages', c.control.eventMessages ? 'enabled' : 'disabled'],
            ['Enabled Actions', info.actionControl.join(', ') || 'none'],
          ]),
        () => info,
      );
    });
  pef
    .command('status')
    .description('the last SEL record and the last events software and the BMC processed')
    .action(async () => {
      const e = await ctx.bmc((s) => lastProcessedEvent(s));
      const id = (v: number) => (v === 0xffff ? null : v);
      const status = { lastRecordId: id(e.lastRecordId), lastSoftwareProcessedId: id(e.lastSoftwareProcessedId), lastBmcProcessedId: id(e.lastBmcProcessedId) };
      const text = (v: number | null) => (v === null ? 'none' : `0x${v.toString(16).padStart(4, '0')}`);
      ctx.emit(
        () =>
          keyValue([
            ['Last SEL Record ID', text(status.lastRecordId)],
            ['Last S/W Processed ID', text(status.lastSoftwareProcessedId)],
            ['Last BMC Processed ID', text(status.lastBmcProcessedId)],
          ]),
        () => status,
      );
    });

  const filter = pef.command('filter').description('the event filter table');
  filter.command('list').action(async () => {
    const filters = await ctx.bmc((s) => listEventFilters(s));
    ctx.emit(() => formatFilters(filters), () => filters.map(filterJson));
  });
  filter
    .command('set')
    .description('change one event filter; a pre-configured one may only be enabled or disabled')
    .argument('<id>', 'filter 1..N')
    .option('--enable')
    .option('--disable')
    .option('--action <list>', `comma-separated: ${actionNames(0x7f).join(',')}, or none`)
    .option('--policy <n>', 'alert policy number 0-15')
    .option('--severity <name>', Object.keys(EVENT_SEVERITIES).join('|'))
    .option('--generator <id>', 'generator ID byte 1 (slave address or software ID), or any')
    .option('--sensor-type <t>', 'sensor type, or any')
    .option('--sensor <n>', 'sensor number, or any')
    .option('--event-trigger <t>', 'event/reading type, or any')
    .option('--offset-mask <m>', 'event data 1 offset mask (16 bits)')
    .action(async (idText: string, o: FilterSetOptions) => {
      const id = intArg('filter', idText, 1, 127);
      const change = filterChange(o);
      if (Object.keys(change).length === 0) throw new UsageError('pef filter set: nothing to change');
      const f = await ctx.bmc((s) => setEventFilter(s, id, change));
      ctx.emit(() => formatFilters([f]), () => filterJson(f));
    });

  const policy = pef.command('policy').description('the alert policy table');
  policy.command('list').action(async () => {
    const policies = await ctx.bmc((s) => listAlertPolicies(s));
    ctx.emit(() => formatPolicies(policies), () => policies.map(policyJson));
  });
  policy
    .command('set')
    .description('change one alert policy entry')
    .argument('<id>', 'entry 1..N')
    .option('--enable')
    .option('--disable')
    .option('--policy-number <n>', 'policy set 1-15 that event filters name')
    .option('--rule <name>', POLICY_RULES.join('|'))
    .option('--channel <n>', 'channel the alert goes out on')
    .option('--destination <n>', 'LAN alert destination selector')
    .option('--alert-string-key <n>', 'alert string key byte (Table 30-9 byte 3)')
    .action(async (idText: string, o: PolicySetOptions) => {
      const id = intArg('policy entry', idText, 1, 127);
      const change = policyChange(o);
      if (Object.keys(change).length === 0) throw new UsageError('pef policy set: nothing to change');
      const p = await ctx.bmc((s) => updateAlertPolicy(s, id, change));
      ctx.emit(() => formatPolicies([p]), () => policyJson(p));
    });
}
