#!/usr/bin/env bash
# Pages and API under load with wrk on loopback: bench/wrk.sh [seconds]
# Starts the Release build on the bench/.data folder (bench/prepare.sh), warms up, then runs wrk at
# 32 connections against each target. wrk and the server share this machine's cores; figures say so.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
data="$(cd "${MEDATLAS_BENCH_DATA:-bench/.data}" && pwd)"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet build src/MedAtlas.Web -c Release -nologo -v quiet >/dev/null
MedAtlas__DataDirectory="$data" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll --urls "http://127.0.0.1:$port" >/tmp/medatlas-wrk-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
thirty="warfarin,ibuprofen,simvastatin,clarithromycin,sertraline,tramadol,metformin,lisinopril,spironolactone,amiodarone,digoxin,omeprazole,clopidogrel,lithium,hydrochlorothiazide,alprazolam,oxycodone,fluconazole,ciprofloxacin,tizanidine,levothyroxine,amlodipine,atorvastatin,prednisone,methotrexate,sulfamethoxazole-trimethoprim,phenelzine,sildenafil,nitroglycerin,st-johns-wort"
targets=(
  "/drugs/atorvastatin"
  "/api/v1/search/suggest?q=metf"
  "/api/v1/drugs/search?q=ibuprofin"
  "/api/v1/interactions?drugs=$thirty"
  "/interaction-checker?drugs=warfarin,ibuprofen,simvastatin,clarithromycin"
)
for target in "${targets[@]}"; do
  url="http://127.0.0.1:$port$target"
  wrk -t2 -c32 -d3s "$url" >/dev/null 2>&1 || true   # warm-up: JIT, caches, connection pool
  echo "### $target"
  wrk -t2 -c32 -d"${seconds}s" --latency "$url" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors" || true
done
