#!/usr/bin/env bash
# A drug's reviews page with 10,000 reviews: bench/reviews.sh [drug] [count] [requests-per-target] [wrk-seconds]
# Fills a fresh data folder (starter data), writes N SYNTHETIC reviews of one drug through the real ReviewStore
# (bench/MedAtlas.Benchmarks seed-reviews: the aggregates kept as in production), starts the Release build on
# 127.0.0.1 and measures each target: p50/p95 of N sequential requests after a warm-up (the app has no Server-Timing
# header; on loopback the client's time is the server's plus a fraction of a millisecond), then wrk at 32 connections.
# PostgreSQL: export Database__Provider=postgres ConnectionStrings__Default="Host=...;Database=..." first.
set -euo pipefail
cd "$(dirname "$0")/.."
drug="${1:-sertraline}"
count="${2:-10000}"
requests="${3:-400}"
seconds="${4:-15}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
data="$(mktemp -d /tmp/medatlas-reviews-bench.XXXXXX)"
export MedAtlas__DataDirectory="$data" MEDATLAS_BENCH_DATA="$data" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
sources_off=(--Alerts:OpenFda:BaseUrl= --Alerts:Feeds:fda-recalls-rss:Url= --Alerts:Feeds:fda-medwatch-rss:Url=)
dotnet build src/MedAtlas.Web -c Release -nologo -v quiet >/dev/null
dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll migrate | tail -1
dotnet run -c Release --project bench/MedAtlas.Benchmarks -- seed-reviews "$drug" "$count" | tail -1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll --urls "http://127.0.0.1:$port" "${sources_off[@]}" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
condition=$(curl -s "http://127.0.0.1:$port/api/v1/drugs/$drug/reviews/summary" | python3 -c 'import json,sys; c=[x for x in json.load(sys.stdin)["conditions"] if x["condition"]!="other"]; print(c[0]["condition"] if c else "other")')
targets=(
  "/drugs/$drug/reviews"
  "/drugs/$drug/reviews?condition=$condition&sex=female&age=35-44&sort=most-helpful"
  "/drugs/$drug/reviews?time=1-6-months&role=caregiver"
  "/drugs/$drug/reviews?rating=5&sort=lowest&page=20"
  "/drugs/$drug"
  "/api/v1/drugs/$drug/reviews/summary"
  "/api/v1/drugs/$drug/reviews?condition=$condition&sort=highest"
)
echo "load average before the timing: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| target | p50 | p95 | size |"
echo "| --- | --- | --- | --- |"
python3 - "$port" "$requests" "${targets[@]}" <<'PY'
import sys, time, urllib.request
port, count, targets = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
for t in targets:
    url = f"http://127.0.0.1:{port}{t}"
    for _ in range(30):
        urllib.request.urlopen(url).read()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as r:
            body = r.read()
            assert r.status == 200, (t, r.status)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print(f"| {t} | {p(0.50):.1f} ms | {p(0.95):.1f} ms | {len(body) / 1024:.0f} KB |")
PY
# The drug page (with its reviews section) is the reference: its earlier figures on a quiet machine tell how busy this one is.
for target in "/drugs/$drug/reviews" "/drugs/$drug/reviews?condition=$condition&sex=female&age=35-44&sort=most-helpful" "/drugs/$drug"; do
  url="http://127.0.0.1:$port$target"
  wrk -t2 -c32 -d3s "$url" >/dev/null 2>&1 || true
  echo "### wrk -t2 -c32 -d${seconds}s $target"
  wrk -t2 -c32 -d"${seconds}s" --latency "$url" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors" || true
done
