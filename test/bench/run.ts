import { APP_BUILD_VAR } from '../support/app-entry.js';
import { buildForChildren } from '../support/build-app.js';
import { runAcceptBench } from './accept.bench.js';
import { runAuditBench } from './audit.bench.js';
import { runAuthBench } from './auth.bench.js';
import { runCallingBench } from './calling.bench.js';
import { runChaosBench } from './chaos.bench.js';
import { runCityBench } from './city.bench.js';
import { runFiguresBench } from './figures.bench.js';
import { runFirstSyncBench } from './first-sync.bench.js';
import { runFoldBench } from './fold.bench.js';
import { runHallsBench } from './halls.bench.js';
import { runHubBench } from './hub.bench.js';
import { runIdentityBench } from './identity.bench.js';
import { runIntegrityBench } from './integrity.bench.js';
import { runLiveIndexBench } from './liveindex.bench.js';
import { runLookupsBench } from './lookups.bench.js';
import { runMonthOfflineBench } from './month-offline.bench.js';
import { runPublishBench } from './publish.bench.js';
import { runQueueBench } from './queue.bench.js';
import { runRoutesBench } from './routes.bench.js';
import { runScaleBench } from './scale.bench.js';
import { runRecoveryBench } from './recovery.bench.js';
import { runSyncBench } from './sync.bench.js';
import { runWorkflowBench } from './workflow.bench.js';

/** `npm run bench`: every figure family in turn, each with its baseline measured in the same process. */
const families: [string, () => Promise<void>][] = [
  ['accept', runAcceptBench],
  ['fold', runFoldBench],
  ['first_sync', runFirstSyncBench],
  ['sync', runSyncBench],
  ['halls', runHallsBench],
  ['recovery', runRecoveryBench],
  ['month_offline', runMonthOfflineBench],
  ['audit', runAuditBench],
  ['hub', runHubBench],
  ['scale', runScaleBench],
  ['chaos', runChaosBench],
  ['integrity', runIntegrityBench],
  ['lookups', runLookupsBench],
  ['auth', runAuthBench],
  ['routes', runRoutesBench],
  ['identity', runIdentityBench],
  ['workflow', runWorkflowBench],
  ['queue', runQueueBench],
  ['calling', runCallingBench],
  ['figures', runFiguresBench],
  ['publish', runPublishBench],
  ['city', runCityBench],
  ['liveindex', runLiveIndexBench],
];

const only = process.argv[2];
// The benches that start hallnet processes run the app compiled once, as the tests' children do.
const build = await buildForChildren(process.cwd());
process.env[APP_BUILD_VAR] = build.dir;
try {
  for (const [name, run] of families) {
    if (only && only !== name) continue;
    await run();
  }
} finally {
  build.remove();
}
