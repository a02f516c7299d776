import { runQueueBench } from '/work/main/test/bench/queue.bench.ts';
await runQueueBench();
