import { WebClient } from '@slack/web-api';
import { countWebApiCall } from '../metrics';

let installed = false;

/**
 * Counts every Web API call and failure by method. @slack/web-api has no request hook, and Bolt builds its
 * own clients per token, but every method call goes through `WebClient.prototype.apiCall`: wrap it once.
 */
export function instrumentWebApi(): void {
  if (installed) return;
  installed = true;
  const original = WebClient.prototype.apiCall;
  WebClient.prototype.apiCall = async function apiCall(this: WebClient, method, options) {
    try {
      const result = await original.call(this, method, options);
      countWebApiCall(method);
      return result;
    } catch (err) {
      const e = err as { code?: string; data?: { error?: string } };
      countWebApiCall(method, e.data?.error ?? e.code ?? 'unknown');
      throw err;
    }
  };
}
