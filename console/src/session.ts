/**
 * The API key of this browser tab. It lives in sessionStorage only: never in the URL, never in
 * localStorage, never logged. Closing the tab or signing out forgets it.
 */
const STORAGE_KEY = 'bmcp.apiKey';

export function storedKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
