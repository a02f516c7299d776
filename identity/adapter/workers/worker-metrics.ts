import { HallnetError } from '../../../sync/index.js';
import { constantTimeEqual } from '../../lib/bytes.js';
import { PROMETHEUS_CONTENT_TYPE, type IsolateMetrics } from './isolate-metrics.js';

/**
 * The Worker's `GET /metrics`: this isolate's request counters and latencies (a Worker has no
 * process to measure, and each isolate counts only what it served), for a bearer of the
 * METRICS_TOKEN secret; 403 for anyone else, and for everyone while the secret is not set.
 */
export async function workerMetrics(
  request: Request,
  token: string | undefined,
  metrics: IsolateMetrics,
): Promise<Response> {
  const given = request.headers
    .get('authorization')
    ?.match(/^Bearer (.+)$/)?.[1]
    ?.trim();
  if (!token || !given || !constantTimeEqual(given, token)) {
    return Response.json(new HallnetError('ERR_FORBIDDEN', 'metrics need the bearer METRICS_TOKEN').toBody(), {
      status: 403,
      headers: { 'cache-control': 'no-store' },
    });
  }
  return new Response(metrics.render(), {
    headers: { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' },
  });
}
