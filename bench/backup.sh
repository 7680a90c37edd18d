#!/usr/bin/env bash
# Issue 17: times backup and restore of a SQLite database with starter data + USDA SR28 + DDInter (docs/benchmarks.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
W=$root/src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll   # dotnet build MedAtlas.slnx -c Release first
data=${MEDATLAS_SHARED_DATA:-$root/../shared/data}
b=$(mktemp -d /tmp/medatlas-backup-bench.XXXX)
cd $b
dotnet $W migrate --MedAtlas:DataDirectory=$b/site >/dev/null
dotnet $W import usda-sr28 $data/usda-sr28 --MedAtlas:DataDirectory=$b/site | tail -3
dotnet $W import ddinter $data/ddinter --MedAtlas:DataDirectory=$b/site | tail -3
ls -la $b/site
for i in 1 2 3; do /usr/bin/time -f "wall %e s" dotnet $W backup $b/b$i.db --MedAtlas:DataDirectory=$b/site; done
for i in 1 2 3; do /usr/bin/time -f "wall %e s" dotnet $W restore $b/b1.db --force --MedAtlas:DataDirectory=$b/r; done
# backup while the site serves
dotnet $W --MedAtlas:DataDirectory=$b/site --urls=http://127.0.0.1:5933 > $b/site.log 2>&1 & S=$!
for i in $(seq 1 120); do curl -sf http://127.0.0.1:5933/healthz/ready >/dev/null && break; sleep 0.5; done
/usr/bin/time -f "wall %e s" dotnet $W backup $b/live.db --MedAtlas:DataDirectory=$b/site
kill $S; wait $S || true
rm -rf $b
