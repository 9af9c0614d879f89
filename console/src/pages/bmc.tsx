/**
 * One BMC: power and boot with confirmed actions, live sensors (grouped by type, thresholds on a
 * bar, readings charted while the page is open), the SEL, FRU, device and chassis status, a SOL
 * capture and the BMC's audit trail. Every text the BMC sends is rendered as text (React escapes
 * it): a FRU field holding markup shows the markup, it never becomes elements.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { gql } from '../api.ts';
import { LiveChart, type Sample } from '../components/live-chart.tsx';
import { PREDICTION_FIELDS, PredictionTable, type Prediction } from '../components/predictions.tsx';
import { SensorBar, type Thresholds } from '../components/sensor-bar.tsx';
import { Badge, ConfirmDialog, ErrorLine, Loading, Pager, Panel, Time, useCursorPages, type ConfirmRequest } from '../components/ui.tsx';
import { can, type Me } from '../roles.ts';
import { href } from '../route.ts';
import { useQuery } from '../use-query.ts';
import { AuditTable, type AuditEvent, AUDIT_FIELDS } from './audit.tsx';
import { HistoryPanel } from './bmc-history.tsx';
import { POWER_ACTIONS } from './fleet.tsx';
import { TaskResult, waitForJob } from './jobs.tsx';

interface Sensor {
  name: string;
  number: number;
  type: string;
  reading: number | null;
  unit: string | null;
  status: string;
  states: string[];
  thresholds: Thresholds;
}

/** Live readings kept per page visit: enough for some minutes at one read every 5 s. */
const MAX_SAMPLES = 120;
const SENSOR_POLL_MS = 5_000;

function Fields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="fields">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === '' || v === null || v === undefined ? <span className="muted">—</span> : v}</dd>
        </div>
      ))}
    </dl>
  );
}

function PowerPanel({ id, me, ask }: { id: string; me: Me; ask: (r: ConfirmRequest) => void }) {
  const power = useQuery(() => gql<{ bmc: { power: { state: string; readAt: string | null } | null } }>('query Power($id: ID!) { bmc(id: $id) { power(maxAge: 0) { state readAt } } }', { id }), [id], 15_000);
  const act = (action: string) =>
    ask({
      title: `Power ${action.toLowerCase()}?`,
      detail: `Sends ${action} to this BMC and waits until its power state confirms it.`,
      confirmLabel: `Power ${action.toLowerCase()}`,
      run: async () => {
        await gql('mutation Power($input: PowerActionInput!) { powerAction(input: $input) { power confirmed } }', { input: { bmcId: id, action } });
        power.reload();
      },
    });
  const identify = () =>
    ask({
      title: 'Identify?',
      detail: 'Lights the chassis identify LED for 30 seconds.',
      confirmLabel: 'Identify',
      run: async () => {
        await gql('mutation Identify($input: IdentifyInput!) { identify(input: $input) { bmc { id } } }', { input: { bmcId: id, seconds: 30 } });
      },
    });
  const state = power.data?.bmc.power?.state;
  return (
    <Panel title="Power">
      <ErrorLine error={power.error} />
      <p className="power-state" data-testid="power-state">
        {state ? <Badge value={state} /> : <span className="muted">…</span>} <Time iso={power.data?.bmc.power?.readAt} />
      </p>
      {can.act(me.role) && (
        <div className="toolbar" aria-label="Power actions">
          {POWER_ACTIONS.map((a) => (
            <button type="button" key={a} onClick={() => act(a)}>
              Power {a.toLowerCase()}
            </button>
          ))}
          <button type="button" onClick={identify}>
            Identify
          </button>
        </div>
      )}
    </Panel>
  );
}

const BOOT_DEVICES = ['PXE', 'DISK', 'CDROM', 'BIOS', 'NONE'] as const;

function BootPanel({ id, me, ask }: { id: string; me: Me; ask: (r: ConfirmRequest) => void }) {
  const boot = useQuery(() => gql<{ bmc: { bootDevice: { device: string; persistent: boolean; efi: boolean } | null } }>('query Boot($id: ID!) { bmc(id: $id) { bootDevice { device persistent efi } } }', { id }), [id]);
  const [device, setDevice] = useState<string>('PXE');
  const [persistent, setPersistent] = useState(false);
  const b = boot.data?.bmc.bootDevice;
  return (
    <Panel title="Boot device">
      <ErrorLine error={boot.error} />
      {b && <Fields rows={[['Next boot', b.device.toLowerCase()], ['Persistent', b.persistent ? 'yes' : 'no'], ['EFI', b.efi ? 'yes' : 'no']]} />}
      {can.act(me.role) && (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            ask({
              title: `Boot from ${device.toLowerCase()}?`,
              detail: `Sets the boot device override to ${device}${persistent ? ' for every boot' : ' for the next boot'}.`,
              confirmLabel: 'Set boot device',
              run: async () => {
                await gql('mutation Boot($input: SetBootDeviceInput!) { setBootDevice(input: $input) { bootOptions { device } } }', { input: { bmcId: id, device, persistent } });
                boot.reload();
              },
            });
          }}
        >
          <select aria-label="Boot device" value={device} onChange={(e) => setDevice(e.target.value)}>
            {BOOT_DEVICES.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <label>
            <input type="checkbox" checked={persistent} onChange={(e) => setPersistent(e.target.checked)} /> persistent
          </label>
          <button type="submit">Set boot device</button>
        </form>
      )}
    </Panel>
  );
}

function SensorsPanel({ id }: { id: string }) {
  const sensors = useQuery(
    () => gql<{ bmc: { sensors: Sensor[] | null } }>('query Sensors($id: ID!) { bmc(id: $id) { sensors(maxAge: 5) { name number type reading unit status states thresholds { lnr lcr lnc unc ucr unr } } } }', { id }),
    [id],
    SENSOR_POLL_MS,
  );
  const [samples, setSamples] = useState<Sample[]>([]);
  const list = sensors.data?.bmc.sensors ?? [];
  useEffect(() => {
    if (!sensors.data?.bmc.sensors) return;
    const t = Date.now() / 1000;
    setSamples((s) => [...s.slice(-(MAX_SAMPLES - 1)), { t, values: sensors.data?.bmc.sensors?.map((x) => x.reading) ?? [] }]);
  }, [sensors.data]);
  useEffect(() => setSamples([]), [id]);

  const groups = new Map<string, { sensor: Sensor; index: number }[]>();
  list.forEach((sensor, index) => groups.set(sensor.type, [...(groups.get(sensor.type) ?? []), { sensor, index }]));
  return (
    <Panel title="Sensors" id="sensors">
      <ErrorLine error={sensors.error} />
      <Loading when={sensors.loading && !sensors.data} />
      {[...groups].map(([type, members]) => {
        const numeric = members.filter((m) => m.sensor.reading !== null);
        return (
          <div key={type} className="sensor-group">
            <h3>{type}</h3>
            <table className="grid sensors">
              <tbody>
                {members.map(({ sensor: s }) => (
                  <tr key={s.number}>
                    <td>{s.name}</td>
                    <td className="num">{s.reading === null ? <span className="muted">{s.states.join(', ') || '—'}</span> : `${s.reading} ${s.unit ?? ''}`}</td>
                    <td>
                      <Badge value={s.status} />
                    </td>
                    <td className="bar-cell">
                      <SensorBar reading={s.reading} thresholds={s.thresholds} unit={s.unit} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {numeric.length > 0 && (
              <LiveChart
                title={`${type}: live since this page opened`}
                unit={numeric[0]?.sensor.unit ?? ''}
                series={numeric.map((m) => m.sensor.name)}
                samples={samples.map((s) => ({ t: s.t, values: numeric.map((m) => s.values[m.index] ?? null) }))}
              />
            )}
          </div>
        );
      })}
    </Panel>
  );
}

interface SelEntry {
  id: number;
  timestamp: string | null;
  sensorType: string;
  sensorNumber: number;
  event: string;
  direction: string;
}

function SelPanel({ id, me, ask }: { id: string; me: Me; ask: (r: ConfirmRequest) => void }) {
  const pages = useCursorPages();
  const sel = useQuery(
    () =>
      gql<{ bmc: { selInfo: { entries: number; freeBytes: number } | null; sel: { nodes: SelEntry[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null } }>(
        'query Sel($id: ID!, $after: String) { bmc(id: $id) { selInfo { entries freeBytes } sel(first: 20, after: $after) { nodes { id timestamp sensorType sensorNumber event direction } pageInfo { hasNextPage endCursor } } } }',
        { id, after: pages.after },
      ),
    [id, pages.after],
  );
  const clear = () =>
    ask({
      title: 'Clear the SEL?',
      detail: 'Erases every entry of this BMC’s System Event Log. This cannot be undone.',
      confirmLabel: 'Clear SEL',
      run: async () => {
        await gql('mutation ClearSel($id: ID!) { clearSel(bmcId: $id) { bmc { id } } }', { id });
        pages.reset();
        sel.reload();
      },
    });
  const info = sel.data?.bmc.selInfo;
  return (
    <Panel
      title="System Event Log"
      actions={
        can.clearSel(me.role) && (
          <button type="button" className="danger" onClick={clear}>
            Clear SEL
          </button>
        )
      }
    >
      <ErrorLine error={sel.error} />
      {info && (
        <p className="muted">
          {info.entries} entries, {info.freeBytes} bytes free
        </p>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th>#</th>
            <th>Time</th>
            <th>Sensor</th>
            <th>Event</th>
            <th>Direction</th>
          </tr>
        </thead>
        <tbody>
          {(sel.data?.bmc.sel?.nodes ?? []).map((e) => (
            <tr key={e.id}>
              <td className="num">{e.id}</td>
              <td>
                <Time iso={e.timestamp} />
              </td>
              <td>
                {e.sensorType} #{e.sensorNumber}
              </td>
              <td>{e.event}</td>
              <td>{e.direction.toLowerCase()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={pages.page} hasNext={sel.data?.bmc.sel?.pageInfo.hasNextPage ?? false} onPrev={pages.prev} onNext={() => pages.next(sel.data?.bmc.sel?.pageInfo.endCursor ?? null)} />
    </Panel>
  );
}

type Fru = Record<'chassis' | 'board' | 'product', Record<string, string | string[] | null> | null>;

function InventoryPanels({ id }: { id: string }) {
  const inv = useQuery(
    () =>
      gql<{
        bmc: {
          fru: Fru | null;
          deviceInfo: Record<string, string | number | null> | null;
          chassisStatus: Record<string, string | boolean | string[] | null> | null;
        };
      }>(
        `query Inventory($id: ID!) { bmc(id: $id) {
          fru { chassis { type partNumber serial extra } board { mfgDate manufacturer product serial partNumber fileId extra }
                product { manufacturer name partNumber version serial assetTag fileId extra } }
          deviceInfo { deviceId deviceRevision firmwareVersion ipmiVersion manufacturerId manufacturer productId guid }
          chassisStatus { power powerOverload powerInterlock powerFault powerControlFault restorePolicy lastPowerEvent intrusion frontPanelLockout driveFault coolingFault identify }
        } }`,
        { id },
      ),
    [id],
  );
  const show = (v: unknown): ReactNode => (Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? 'yes' : 'no') : v === null || v === undefined ? '' : String(v));
  const area = (a: Record<string, unknown> | null | undefined) => (a ? <Fields rows={Object.entries(a).map(([k, v]) => [k, show(v)])} /> : <p className="muted">Absent.</p>);
  const fru = inv.data?.bmc.fru;
  return (
    <>
      <Panel title="FRU" id="fru">
        <ErrorLine error={inv.error} />
        <div className="columns">
          <div>
            <h3>Chassis</h3>
            {area(fru?.chassis)}
          </div>
          <div>
            <h3>Board</h3>
            {area(fru?.board)}
          </div>
          <div>
            <h3>Product</h3>
            {area(fru?.product)}
          </div>
        </div>
      </Panel>
      <div className="columns">
        <Panel title="Device">{area(inv.data?.bmc.deviceInfo)}</Panel>
        <Panel title="Chassis status">{area(inv.data?.bmc.chassisStatus)}</Panel>
      </div>
    </>
  );
}

function SolPanel({ id }: { id: string }) {
  const [seconds, setSeconds] = useState(5);
  const [state, setState] = useState<string>();
  const [error, setError] = useState<string>();
  const [output, setOutput] = useState<ReactNode>();
  const capture = async () => {
    setError(undefined);
    setOutput(undefined);
    try {
      const started = await gql<{ solCapture: { job: { id: string } } }>('mutation Sol($input: SolCaptureInput!) { solCapture(input: $input) { job { id } } }', { input: { bmcId: id, seconds } });
      const job = await waitForJob(started.solCapture.job.id, (j) => setState(j.state));
      const task = job.tasks.nodes[0];
      setOutput(task ? <TaskResult task={task} /> : null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Panel title="Serial console capture">
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void capture();
        }}
      >
        <label>
          Seconds <input type="number" min={1} max={300} value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} />
        </label>
        <button type="submit">Capture</button>
        {state && <Badge value={state} />}
      </form>
      <ErrorLine error={error} />
      {output}
    </Panel>
  );
}

function AuditTrail({ id }: { id: string }) {
  const trail = useQuery(() => gql<{ auditEvents: { nodes: AuditEvent[] } }>(`query Trail($target: String) { auditEvents(filter: { target: $target }, first: 20) { nodes { ${AUDIT_FIELDS} } } }`, { target: `bmc:${id}` }), [id]);
  return (
    <Panel title="Audit trail (latest 20)">
      <ErrorLine error={trail.error} />
      <AuditTable events={trail.data?.auditEvents.nodes ?? []} />
    </Panel>
  );
}

export function BmcPage({ id, me }: { id: string; me: Me }) {
  const [confirm, setConfirm] = useState<ConfirmRequest>();
  const bmc = useQuery(
    () =>
      gql<{ bmc: { id: string; name: string; address: string; port: number; tags: string[]; health: string; lastSeen: string | null; predictions: Prediction[] } }>(
        `query Bmc($id: ID!) { bmc(id: $id) { id name address port tags health lastSeen predictions { ${PREDICTION_FIELDS} } } }`,
        { id },
      ),
    [id],
  );
  const b = bmc.data?.bmc;
  return (
    <>
      <p className="crumbs">
        <a href={href('fleet')}>Fleet</a> ›
      </p>
      <h1>
        {b?.name ?? '…'} {b && <Badge value={b.health} />}
      </h1>
      <ErrorLine error={bmc.error} />
      {b && (
        <p className="muted mono">
          {b.address}:{b.port} {b.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}{' '}
          · last seen <Time iso={b.lastSeen} />
        </p>
      )}
      <div className="columns">
        <PowerPanel id={id} me={me} ask={setConfirm} />
        <BootPanel id={id} me={me} ask={setConfirm} />
      </div>
      {b && (
        <Panel title="Predictions" id="predictions">
          <PredictionTable predictions={b.predictions} />
        </Panel>
      )}
      <SensorsPanel id={id} />
      <HistoryPanel id={id} />
      <SelPanel id={id} me={me} ask={setConfirm} />
      <InventoryPanels id={id} />
      {can.act(me.role) && <SolPanel id={id} />}
      {can.readAudit(me.role) && <AuditTrail id={id} />}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </>
  );
}
