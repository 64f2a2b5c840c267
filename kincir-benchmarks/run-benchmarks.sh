#!/usr/bin/env bash
# Builds kincir-benchmarks/target/benchmarks.jar, runs every benchmark (JMH throughput, then the
# fixed-rate latency runs) and writes the results table into kincir-benchmarks/README.md between the
# benchmark-results markers. Arguments go to io.kincir.benchmarks.BenchmarkReport:
#   --quick          one short iteration per benchmark: tries the harness, figures not for quoting
#   --include REGEX  only the JMH benchmarks whose name matches (the table then holds only those)
#   --in-memory      only the in-memory broker's set (InMemoryReport, about 10 minutes): 1→1 and 4→2 against
#                    the ArrayBlockingQueue, @KincirListener against a receive loop, allocation per message,
#                    latency medians of 5 rounds and the machine's stall floor; written between the
#                    in-memory-results markers (--quick may follow it)
# Takes about 20 minutes; the RabbitMQ benchmarks need the server on 127.0.0.1:5672, and while the run
# lasts a policy (set with rabbitmqctl, removed at the end) makes the benchmarks' own queues classic
# queues of version 2; see RabbitQueuePolicy. Run it on a quiet machine: the table records the load average it saw.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load average before building: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
mvn -B -q -pl kincir-benchmarks -am package -DskipTests
if [ "${1:-}" = "--in-memory" ]; then
  shift
  exec java -cp kincir-benchmarks/target/benchmarks.jar io.kincir.benchmarks.InMemoryReport --readme kincir-benchmarks/README.md "$@"
fi
exec java -cp kincir-benchmarks/target/benchmarks.jar io.kincir.benchmarks.BenchmarkReport --readme kincir-benchmarks/README.md "$@"
