/** Small shared pieces: panels, errors, a confirmation dialog, badges, a pager. */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function Panel({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <section className="panel" aria-label={title} id={id}>
      <header>
        <h2>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function ErrorLine({ error }: { error: string | undefined }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

export function Loading({ when }: { when: boolean }) {
  return when ? <p className="muted">Loading…</p> : null;
}

const BADGE: Record<string, string> = {
  ON: 'ok',
  OK: 'ok',
  SUCCEEDED: 'ok',
  OFF: 'off',
  WARNING: 'warn',
  NON_CRITICAL: 'warn',
  PARTIALLY_SUCCEEDED: 'warn',
  RUNNING: 'info',
  QUEUED: 'info',
  STARTED: 'info',
  CRITICAL: 'bad',
  NON_RECOVERABLE: 'bad',
  FAILED: 'bad',
  DENIED: 'bad',
  UNREACHABLE: 'bad',
};

export function Badge({ value }: { value: string }) {
  return <span className={`badge ${BADGE[value] ?? 'neutral'}`}>{value.toLowerCase().replace(/_/g, ' ')}</span>;
}

export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="muted">—</span>;
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={iso}>
      {d.toLocaleString()}
    </time>
  );
}

export interface ConfirmRequest {
  readonly title: string;
  readonly detail: string;
  readonly confirmLabel: string;
  readonly run: () => Promise<void> | void;
}

/** A modal asking to confirm an action that changes a machine; Escape cancels. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | undefined; onClose: () => void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setError(undefined);
    setBusy(false);
    if (request) confirmRef.current?.focus();
  }, [request]);
  if (!request) return null;
  const confirm = async () => {
    setBusy(true);
    try {
      await request.run();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
        <h3 id="confirm-title">{request.title}</h3>
        <p>{request.detail}</p>
        <ErrorLine error={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="danger" ref={confirmRef} onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Working…' : request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Cursor paging forwards and back: the cursors of the pages seen so far are kept. */
export function useCursorPages(): { after: string | null; page: number; next(cursor: string | null): void; prev(): void; reset(): void } {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  return {
    after: stack[stack.length - 1] ?? null,
    page: stack.length,
    next: (cursor) => setStack((s) => [...s, cursor]),
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}

export function Pager({ page, hasNext, onPrev, onNext }: { page: number; hasNext: boolean; onPrev: () => void; onNext: () => void }) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" onClick={onPrev} disabled={page <= 1}>
        ‹ Previous
      </button>
      <span>Page {page}</span>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        Next ›
      </button>
    </nav>
  );
}
