#!/usr/bin/env bash
# Issue 10: matching alerts against 100,000 saved medicines. bench/alert-matching.sh [enforcement file] [accounts]
# Imports the openFDA enforcement file (default: the real bulk export in ../shared/data) into a fresh database, seeds
# ACCOUNTS (default 25,000) people with 4 active medicines each, and times three notifier runs: the first tells
# everyone (matching + inserting the notifications and the mail of those who opted in), the next two find nothing
# new (what every scheduled run costs). SQLite by default; MEDATLAS_BENCH_POSTGRES="Host=...;Database=..." for
# PostgreSQL (an empty database). See bench/MedAtlas.Benchmarks/AlertMatchingBench.cs for the synthetic data.
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-../shared/data/openfda-drug-enforcement/drug-enforcement-0001-of-0001.json.zip}"
[ -f "$file" ] || file="/work/shared/data/openfda-drug-enforcement/drug-enforcement-0001-of-0001.json.zip"
accounts="${2:-25000}"
echo "machine: $(nproc) CPUs, $(lscpu | grep 'Model name' | sed 's/Model name: *//'); provider: ${MEDATLAS_BENCH_POSTGRES:+postgres}${MEDATLAS_BENCH_POSTGRES:-sqlite}" | sed 's/Host=[^ ]*/(server)/'
dotnet run -c Release --project bench/MedAtlas.Benchmarks -- alert-matching "$(realpath "$file")" "$accounts"
