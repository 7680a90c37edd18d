#!/usr/bin/env bash
# /alerts on the real openFDA bulk export: bench/alerts.sh [requests-per-target]
# Fills a fresh data folder (Drugs@FDA, DailyMed samples, the 12,504-record enforcement file), starts the
# Release build on 127.0.0.1 and times each target from one sequential client (p50/p95 of N requests, after a
# warm-up). PostgreSQL: export Database__Provider=postgres ConnectionStrings__Default="Host=...;Database=..." first.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200}"
shared="${MEDATLAS_SHARED_DATA:-../shared/data}"
data="$(mktemp -d /tmp/medatlas-alerts-bench.XXXXXX)"
export MedAtlas__DataDirectory="$data" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
# The sources stay off: the timings are of the pages, not of a poller fetching from FDA at the same time.
# (Command-line settings: a feed's name has a hyphen, which no shell variable can hold.)
sources_off=(--Alerts:OpenFda:BaseUrl= --Alerts:Feeds:fda-recalls-rss:Url= --Alerts:Feeds:fda-medwatch-rss:Url=)
dotnet build src/MedAtlas.Web -c Release -nologo -v quiet >/dev/null
run() { dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll "$@" | tail -3; }
run migrate
run import drugsatfda "$shared/fda-drugsatfda/drugsatfda20190702.zip"
run import dailymed "$shared/dailymed-spl-samples"
run import openfda-enforcement "$shared/openfda-drug-enforcement/drug-enforcement-0001-of-0001.json.zip"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll --urls "http://127.0.0.1:$port" "${sources_off[@]}" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
python3 - "$port" "$count" <<'PY'
import sys, time, urllib.request
port, count = sys.argv[1], int(sys.argv[2])
targets = [
    "/alerts",
    "/alerts?class=II&status=Ongoing",
    "/alerts?class=II&status=Ongoing&page=150",
    "/alerts?class=I&from=2015-01-01&to=2016-12-31",
    "/alerts?source=openfda&from=2019-06-01&to=2019-06-30",
    "/alerts?drug=atorvastatin",
    "/alerts/D-1096-2015",
    "/drugs/atorvastatin",
]
for t in targets:
    url = f"http://127.0.0.1:{port}{t}"
    for _ in range(20):
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
