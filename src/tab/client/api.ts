import { teamsToken } from './teams';

/** A refused or failed API call, with the message the server chose to show. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body: unknown = undefined) {
    super(message);
  }
}

/** Calls the tab API as the signed-in person (Teams SSO token when inside Teams). */
export async function api<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; signedIn?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.signedIn) {
    const token = await teamsToken();
    if (token) headers.Authorization = `Bearer ${token}`;
  }
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  const data = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new ApiError(response.status, data.error ?? `The server answered ${response.status}.`, data);
  return data as T;
}
