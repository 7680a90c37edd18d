#!/usr/bin/env bash
# Fills a data folder with the catalogue sizes the issues benchmark against:
#   bench/prepare.sh [data-folder]   (default bench/.data)
# Imports Drugs@FDA (~39,000 products) and DDInter (~160,000 pairs) from ../shared/data, plus the ONC list; then
# generates 100,000 SYNTHETIC pills (IsSynthetic, "SYNTHETIC ..." names,
# "Synthetic Labeler") for the pill identifier: made-up test data at DailyMed's scale, never real identifications.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-bench/.data}"
shared="${MEDATLAS_SHARED_DATA:-../shared/data}"
mkdir -p "$data"
export MedAtlas__DataDirectory="$(cd "$data" && pwd)" ASPNETCORE_ENVIRONMENT=Production
dotnet build src/MedAtlas.Web -c Release -nologo -v quiet >/dev/null
run() { dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll "$@"; }
run migrate
run import drugsatfda "$shared/fda-drugsatfda/drugsatfda20190702.zip"
run import ddinter "$shared/ddinter"
run import onc-ddi "$shared/onc-ddi/ONC_High_Priority_Mapped.csv"
# Synthetic pills, linked to the drugs imported above; PILLS overrides the count.
MEDATLAS_BENCH_DATA="$MedAtlas__DataDirectory" dotnet run -c Release --project bench/MedAtlas.Benchmarks -- generate-pills "${PILLS:-100000}"
echo "Prepared $MedAtlas__DataDirectory"
