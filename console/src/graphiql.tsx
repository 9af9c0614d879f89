/**
 * GraphiQL, served at GET /graphql to browsers. The key comes from this tab's sessionStorage
 * (shared with the console, same origin) or is pasted here, and goes in the `x-api-key` header
 * of every request; it is never put in GraphiQL's header editor, which GraphiQL may persist.
 */
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { forgetKey, storedKey, storeKey } from './session.ts';
import './graphiql.css';

const EXAMPLE = `# Keyboard: Ctrl-Enter runs, Ctrl-Space completes. Docs are in the book icon.
query Fleet {
  me { tenantId role actor }
  bmcs(first: 10) {
    nodes { id name address port health tags power { state } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

interface FetchParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

function KeyBar({ apiKey, onKey }: { apiKey: string | null; onKey: (k: string | null) => void }) {
  const [draft, setDraft] = useState('');
  return (
    <header className="keybar">
      <strong>BMC Control Plane · GraphiQL</strong>
      <a href="./">Console</a>
      {apiKey ? (
        <>
          <span data-testid="key-state">API key set for this tab</span>
          <button type="button" onClick={() => onKey(null)}>
            Forget key
          </button>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) onKey(draft.trim());
          }}
        >
          <input aria-label="API key" type="password" autoComplete="off" placeholder="API key (bmcp_…)" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit">Use key</button>
        </form>
      )}
    </header>
  );
}

function Page() {
  const [apiKey, setApiKey] = useState(storedKey());
  const fetcher = useMemo(
    () => async (params: FetchParams, options?: { headers?: Record<string, unknown> }) => {
      const extra = Object.fromEntries(Object.entries(options?.headers ?? {}).map(([k, v]) => [k, String(v)]));
      const response = await fetch('graphql', {
        method: 'POST',
        headers: { ...extra, 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
        body: JSON.stringify(params),
      });
      return (await response.json()) as Record<string, unknown>;
    },
    [apiKey],
  );
  return (
    <div className="page">
      <KeyBar
        apiKey={apiKey}
        onKey={(k) => {
          if (k) storeKey(k);
          else forgetKey();
          setApiKey(k);
        }}
      />
      <div className="ide">
        <GraphiQL key={apiKey ?? 'none'} fetcher={fetcher} defaultQuery={EXAMPLE} />
      </div>
    </div>
  );
}

const root = document.getElementById('graphiql');
if (root) createRoot(root).render(<Page />);
