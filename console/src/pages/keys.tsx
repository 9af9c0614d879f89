/** API keys (admin): create (the key is shown once, with a copy button), list, revoke. */
import { useState } from 'react';
import { gql, errorText } from '../api.ts';
import { Badge, ConfirmDialog, ErrorLine, Loading, Pager, Panel, Time, useCursorPages, type ConfirmRequest } from '../components/ui.tsx';
import { useQuery } from '../use-query.ts';

interface ApiKey {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const ROLES = ['VIEWER', 'OPERATOR', 'AUDITOR', 'ADMIN'] as const;

function NewKey({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="new-key" role="status">
      <p>
        <strong>Copy this key now.</strong> It is shown this once and cannot be read again.
      </p>
      <code data-testid="new-key">{secret}</code>
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          onClick={() =>
            void navigator.clipboard.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

export function KeysPage() {
  const pages = useCursorPages();
  const keys = useQuery(
    () => gql<{ apiKeys: { nodes: ApiKey[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>('query Keys($after: String) { apiKeys(first: 50, after: $after) { nodes { id name role createdAt createdBy expiresAt revokedAt lastUsedAt } pageInfo { hasNextPage endCursor } } }', { after: pages.after }),
    [pages.after],
  );
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('VIEWER');
  const [expires, setExpires] = useState('');
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<string>();
  const [confirm, setConfirm] = useState<ConfirmRequest>();
  const create = async () => {
    setError(undefined);
    try {
      const input: Record<string, string> = { name: name.trim(), role };
      if (expires) input['expiresAt'] = new Date(expires).toISOString();
      const d = await gql<{ createApiKey: { key: string } }>('mutation Create($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }', { input });
      setSecret(d.createApiKey.key);
      setName('');
      keys.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <>
      <Panel title="Create an API key">
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label>
            Name <input required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.target.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <label>
            Expires <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            Create
          </button>
        </form>
        <ErrorLine error={error} />
        {secret && <NewKey secret={secret} onDone={() => setSecret(undefined)} />}
      </Panel>
      <Panel title="API keys">
        <ErrorLine error={keys.error} />
        <Loading when={keys.loading && !keys.data} />
        <table className="grid">
          <thead>
            <tr>
              <th>Name</th>
              <th>Id</th>
              <th>Role</th>
              <th>Created</th>
              <th>Expires</th>
              <th>Last used</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(keys.data?.apiKeys.nodes ?? []).map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td className="mono">{k.id}</td>
                <td>{k.role.toLowerCase()}</td>
                <td>
                  <Time iso={k.createdAt} /> <span className="muted mono">{k.createdBy}</span>
                </td>
                <td>
                  <Time iso={k.expiresAt} />
                </td>
                <td>
                  <Time iso={k.lastUsedAt} />
                </td>
                <td>{k.revokedAt ? <Badge value="REVOKED" /> : <Badge value="OK" />}</td>
                <td>
                  {!k.revokedAt && (
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        setConfirm({
                          title: `Revoke “${k.name}”?`,
                          detail: 'Requests with this key are refused at once. This cannot be undone.',
                          confirmLabel: 'Revoke',
                          run: async () => {
                            await gql('mutation Revoke($id: ID!) { revokeApiKey(id: $id) { apiKey { id revokedAt } } }', { id: k.id });
                            keys.reload();
                          },
                        })
                      }
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager page={pages.page} hasNext={keys.data?.apiKeys.pageInfo.hasNextPage ?? false} onPrev={pages.prev} onNext={() => pages.next(keys.data?.apiKeys.pageInfo.endCursor ?? null)} />
      </Panel>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </>
  );
}
