import type { ResponseUrls } from './response-urls';
import { bearerToken, parseArgs, type RawRequest, type RawResponse } from './server';
import type { EmulatorState } from './state';
import type { Json } from './types';
import type { ApiResponse } from './web-api';

export interface RouterOptions {
  state: EmulatorState;
  webApi: { call(method: string, args: Json, token: string | undefined): Promise<ApiResponse> };
  responseUrls: ResponseUrls;
  extraRoutes?: (req: RawRequest) => Promise<RawResponse | undefined>;
}

/** The file's bytes: the raw body, or the first part of a multipart body (@slack/web-api's filesUploadV2 sends one). */
export function uploadedBytes(req: RawRequest): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(String(req.headers['content-type'] ?? ''));
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!String(req.headers['content-type']).startsWith('multipart/form-data') || !marker) return req.body;
  const delimiter = Buffer.from(`--${marker}`);
  const start = req.body.indexOf(delimiter);
  const headersEnd = req.body.indexOf('\r\n\r\n', start);
  const next = req.body.indexOf(Buffer.from(`\r\n--${marker}`), headersEnd);
  if (start < 0 || headersEnd < 0 || next < 0) return req.body;
  return req.body.subarray(headersEnd + 4, next);
}

/** `/api/<method>`, `/response/<id>`, `/upload/<file_id>`, then whatever the playground serves. */
export function createRouter({ state, webApi, responseUrls, extraRoutes }: RouterOptions) {
  function api(method: string, req: RawRequest): Promise<ApiResponse> | RawResponse {
    let args: Json;
    try {
      args = parseArgs(req);
    } catch {
      state.violations.push({ method, args: {}, error: 'invalid_json', detail: 'the JSON body does not parse', rule: 'arguments' });
      return { status: 200, body: { ok: false, error: 'invalid_json' } };
    }
    const token = bearerToken(req.headers) ?? (typeof args.token === 'string' ? args.token : undefined);
    return webApi.call(method, args, token);
  }

  function response(id: string, req: RawRequest): RawResponse {
    let payload: Json;
    try {
      payload = JSON.parse(req.body.toString('utf8')) as Json;
    } catch {
      return { status: 400, body: 'invalid_payload' };
    }
    return responseUrls.post(id, payload);
  }

  function upload(fileId: string, req: RawRequest): RawResponse {
    const file = state.files.get(fileId);
    if (!file || file.completed) return { status: 404, body: 'file_not_found' };
    file.bytes = uploadedBytes(req);
    state.changed();
    return { status: 200, body: `OK - ${req.body.length}` };
  }

  return async (req: RawRequest): Promise<RawResponse> => {
    const method = /^\/api\/([A-Za-z0-9_.]+)$/.exec(req.path)?.[1];
    if (method) return api(method, req);
    const responseId = /^\/response\/([a-z0-9]+)$/.exec(req.path)?.[1];
    if (responseId && req.method === 'POST') return response(responseId, req);
    const fileId = /^\/upload\/([A-Z0-9]+)$/.exec(req.path)?.[1];
    if (fileId && req.method === 'POST') return upload(fileId, req);
    return (await extraRoutes?.(req)) ?? { status: 404, body: 'not_found' };
  };
}
