// The one way the studio reaches its host. In Electron the preload exposes
// `window.studioApi`; in a plain browser, the web host's client (the token comes
// from the address the host printed). Components call `api()` and never know which.
import type { StudioApi } from '../api/contract';
import { connectStudioApi } from '../api/webClient';

let connected: StudioApi | null = null;

/** The API, connected on first use. Throws (with a message for people) when there is no way in. */
export function api(): StudioApi {
  if (!connected) connected = connectStudioApi(window);
  return connected;
}

/** A message for people from anything thrown by an API call. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
