import { inspect } from 'node:util';

/**
 * BMC credentials as a value that cannot leak by accident: JSON, string conversion and
 * util.inspect (console.log, loggers) all print a redacted form. Only `reveal()` gives the
 * secret, and only the gateway adapter calls it, to open a session (docs/architecture.md section 4:
 * credentials are read only by the code that opens sessions, never returned or logged).
 */
export class BmcCredentials {
  readonly #password: string;
  readonly #kg: string | undefined;

  constructor(
    readonly username: string,
    password: string,
    /** Optional BMC key Kg (IPMI v2.0 section 13.31), as hex or text as configured on the BMC. */
    kg?: string,
  ) {
    this.#password = password;
    this.#kg = kg;
  }

  reveal(): { username: string; password: string; kg?: string } {
    return this.#kg === undefined
      ? { username: this.username, password: this.#password }
      : { username: this.username, password: this.#password, kg: this.#kg };
  }

  /** Compares with another value without exposing either. */
  equals(other: BmcCredentials): boolean {
    const o = other.reveal();
    return o.username === this.username && o.password === this.#password && o.kg === this.#kg;
  }

  toJSON(): { username: string; password: '[redacted]' } {
    return { username: this.username, password: '[redacted]' };
  }

  toString(): string {
    return `BmcCredentials(${this.username}, [redacted])`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** Input shape of credentials at the API edge, before they are sealed. */
export interface CredentialsInput {
  readonly username: string;
  readonly password: string;
  readonly kg?: string | undefined;
}
