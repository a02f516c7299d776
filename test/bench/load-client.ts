import { Agent, request } from 'node:http';

/** A JSON answer: the status and the parsed body. */
export interface LoadAnswer {
  status: number;
  body: any;
}

/**
 * The benches' load generator: JSON POSTs over kept-alive `node:http` connections. The windows'
 * browsers run on machines of their own, but a bench's load shares this machine's two cores with
 * the node it measures, so it should cost as little as it can: `fetch` (undici) spent 0.96 ms of
 * CPU per accept request here, this client 0.28 ms, and the difference was the node's to use.
 */
export function loadClient(base: string, token: string, connections = Number.POSITIVE_INFINITY) {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const post = (path: string, body?: unknown): Promise<LoadAnswer> =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? '' : JSON.stringify(body);
      const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
      if (data)
        Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
      const req = request({ hostname, port, path, method: 'POST', agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('error', reject);
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      });
      req.on('error', reject);
      req.end(data);
    });
  return { post, close: () => agent.destroy() };
}
