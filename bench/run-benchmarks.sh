#!/usr/bin/env bash
# In-process hot paths with BenchmarkDotNet: bench/run-benchmarks.sh [filter]
# Needs a data folder from bench/prepare.sh (default bench/.data).
set -euo pipefail
cd "$(dirname "$0")/.."
export MEDATLAS_BENCH_DATA="$(cd "${MEDATLAS_BENCH_DATA:-bench/.data}" && pwd)"
dotnet run -c Release --project bench/MedAtlas.Benchmarks -- --filter "${1:-*}"
