#!/bin/sh
# Makes the starter pill set (src/MedAtlas.Web/data/seed/pills/pills.json) from the public-domain DailyMed labels in
# ../shared/data/dailymed-spl-zips: the app's own `import dailymed` reads them into a throw-away SQLite data folder,
# then its `export-starter pills` writes the pills whose label matched a starter drug, with each label's set id,
# version and effective date. No images: the labels' photos are their owners', not product content.
# Usage: scripts/make-pill-starter.sh [folder of DailyMed label zips]
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
source=${1:-$repo/../shared/data/dailymed-spl-zips}
[ -d "$source" ] || { echo "make-pill-starter: $source is not a folder of DailyMed label zips" >&2; exit 2; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
dotnet build "$repo/src/MedAtlas.Web" -c Release -nologo -v q >/dev/null
app="dotnet $repo/src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll"
settings="--Database:Provider=sqlite --MedAtlas:DataDirectory=$data"
# shellcheck disable=SC2086 # the settings are words on purpose
$app import dailymed "$source" $settings
# shellcheck disable=SC2086
$app export-starter pills "$repo/src/MedAtlas.Web/data/seed/pills" $settings
