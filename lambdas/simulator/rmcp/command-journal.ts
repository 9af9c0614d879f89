/**
 * What one simulated BMC saw, from its own side: each in-session command as it arrived, with
 * how many sessions the BMC held at that moment. Tests assert client etiquette from here (the
 * session cap, the spacing between state-changing commands, how many round trips a burst of
 * reads cost) rather than trusting the client's own account. Off unless a test turns it on.
 */
export interface JournalEntry {
  /** Milliseconds since the epoch (Date.now), comparable across processes on one machine. */
  readonly at: number;
  readonly netFn: number;
  readonly cmd: number;
  readonly bmcSessionId: number;
  /**
   * The request's rqSeq (IPMI v2.0 section 13.8, Figure 13-4): a client's retransmission of
   * one request keeps it (with a new session sequence number), so (session, rqSeq) names a request.
   */
  readonly rqSeq: number;
  /**
   * A retransmission of a request this session was already answered for (same rqSeq, command and
   * data within the duplicate window): answered again from memory, not executed a second time.
   */
  readonly duplicate: boolean;
  /** Sessions in the table, any phase, when the command arrived. */
  readonly sessions: number;
  /** Sessions past RAKP 4 when the command arrived. */
  readonly activeSessions: number;
}

export class CommandJournal {
  readonly entries: JournalEntry[] = [];
  /** Most sessions the table held at once (any phase) while the journal was on. */
  peakSessions = 0;
  peakActiveSessions = 0;
  /** Called with each command as it arrives (tests use it to look at the client mid-read). */
  onCommand: ((entry: JournalEntry) => void) | undefined;

  constructor(private readonly limit = 100_000) {}

  command(entry: JournalEntry): void {
    if (this.entries.length < this.limit) this.entries.push(entry);
    this.sessions(entry.sessions, entry.activeSessions);
    this.onCommand?.(entry);
  }

  /** Called whenever the session table changes size. */
  sessions(total: number, active: number): void {
    if (total > this.peakSessions) this.peakSessions = total;
    if (active > this.peakActiveSessions) this.peakActiveSessions = active;
  }

  /** Entries of one command (NetFn is the request's, even), retransmissions included. */
  of(netFn: number, cmd: number): JournalEntry[] {
    return this.entries.filter((e) => e.netFn === netFn && e.cmd === cmd);
  }

  /** Arrivals of one command that the BMC executed: retransmissions it answered from memory left out. */
  executed(netFn: number, cmd: number): JournalEntry[] {
    return this.of(netFn, cmd).filter((e) => !e.duplicate);
  }

  clear(): void {
    this.onCommand = undefined;
    this.entries.length = 0;
    this.peakSessions = 0;
    this.peakActiveSessions = 0;
  }
}
