/**
 * The console's shell: sign-in, then `me` decides which pages and actions this role gets, and
 * the hash route picks the page.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorText, gql } from './api.ts';
import { AuditEventPage, AuditPage } from './pages/audit.tsx';
import { BmcPage } from './pages/bmc.tsx';
import { FleetPage } from './pages/fleet.tsx';
import { JobPage, JobsPage } from './pages/jobs.tsx';
import { KeysPage } from './pages/keys.tsx';
import { can, type Me } from './roles.ts';
import { href, useRoute } from './route.ts';
import { forgetKey, storedKey, storeKey } from './session.ts';

function SignIn({ onSignedIn, error }: { onSignedIn: (key: string) => void; error: string | undefined }) {
  const [key, setKey] = useState('');
  return (
    <main className="signin">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) onSignedIn(key.trim());
        }}
      >
        <h1>BMC Control Plane</h1>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)} placeholder="bmcp_…" />
        <p className="muted">Kept in this tab only (sessionStorage) and sent in the x-api-key header. Closing the tab or signing out forgets it.</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}

function Nav({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const route = useRoute();
  const link = (to: string, label: string) => (
    <a href={href(to)} className={route[0] === to || (to === 'fleet' && route[0] === 'bmc') ? 'active' : ''}>
      {label}
    </a>
  );
  return (
    <header className="topbar">
      <strong>BMC Control Plane</strong>
      <nav aria-label="Main">
        {can.readBmcs(me.role) && link('fleet', 'Fleet')}
        {can.readBmcs(me.role) && link('jobs', 'Jobs')}
        {can.readAudit(me.role) && link('audit', 'Audit')}
        {can.manageKeys(me.role) && link('keys', 'API keys')}
        <a href="graphql">
          GraphiQL
        </a>
      </nav>
      <span className="who" data-testid="who">
        {me.actor} · {me.role.toLowerCase()} · {me.tenantId}
      </span>
      <button type="button" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}

function Page({ me }: { me: Me }) {
  const [page = can.readBmcs(me.role) ? 'fleet' : 'audit', id] = useRoute();
  if (page === 'bmc' && id && can.readBmcs(me.role)) return <BmcPage id={id} me={me} />;
  if (page === 'jobs' && id && can.readBmcs(me.role)) return <JobPage id={id} me={me} />;
  if (page === 'jobs' && can.readBmcs(me.role)) return <JobsPage />;
  if (page === 'audit' && id && can.readAudit(me.role)) return <AuditEventPage id={id} />;
  if (page === 'audit' && can.readAudit(me.role)) return <AuditPage />;
  if (page === 'keys' && can.manageKeys(me.role)) return <KeysPage />;
  if (page === 'fleet' && can.readBmcs(me.role)) return <FleetPage me={me} />;
  return <p className="error">This page is not available to the {me.role.toLowerCase()} role.</p>;
}

export function App() {
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(storedKey() !== null);

  const signOut = useCallback(() => {
    forgetKey();
    setMe(undefined);
    location.hash = '';
  }, []);

  const check = useCallback(async () => {
    setChecking(true);
    try {
      const data = await gql<{ me: Me }>('query Me { me { tenantId role actor } }');
      setMe(data.me);
      setError(undefined);
    } catch (e) {
      forgetKey();
      setMe(undefined);
      setError(e instanceof ApiError && e.code === 'UNAUTHENTICATED' ? 'That key was not accepted.' : errorText(e));
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    if (storedKey() !== null) void check();
  }, [check]);

  if (checking) return <p className="muted center">Signing in…</p>;
  if (!me)
    return (
      <SignIn
        error={error}
        onSignedIn={(key) => {
          storeKey(key);
          void check();
        }}
      />
    );
  return (
    <>
      <Nav me={me} onSignOut={signOut} />
      <main className="content">
        <Page me={me} />
      </main>
    </>
  );
}
