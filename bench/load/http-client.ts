/** A minimal keep-alive HTTP/1.1 client for the load drivers (node:http, one agent). */
import http from 'node:http';

/** A request that has not answered after this long counts as failed (timed out). */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpResult {
  status: number;
  body: string;
  setCookie: string[] | undefined;
}

export class HttpClient {
  readonly #agent: http.Agent;
  readonly #host: string;
  readonly #port: number;

  constructor(baseUrl: string, maxSockets: number) {
    const url = new URL(baseUrl);
    this.#host = url.hostname;
    this.#port = Number(url.port);
    this.#agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: this.#host,
          port: this.#port,
          method,
          path,
          agent: this.#agent,
          headers:
            body === undefined
              ? headers
              : {
                  ...headers,
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(body),
                },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              setCookie: response.headers['set-cookie'],
            }),
          );
          response.on('error', reject);
        },
      );
      request.setTimeout(REQUEST_TIMEOUT_MS, () =>
        request.destroy(new Error(`${method} ${path} timed out`)),
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** The `code` of a problem document, or the status. */
export function problemCode(result: HttpResult): string {
  try {
    const parsed = JSON.parse(result.body) as { code?: string; reasons?: { code: string }[] };
    return parsed.reasons?.map((r) => r.code).join('+') || parsed.code || String(result.status);
  } catch {
    return String(result.status);
  }
}
