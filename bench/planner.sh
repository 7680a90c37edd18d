#!/usr/bin/env bash
# The planner's day page under load with wrk on loopback: bench/planner.sh [seconds]
# Starts the Release build on a fresh SQLite folder, registers and confirms one account through the pages, makes a
# profile through the personal API, puts three foods in SR28's shape into the catalogue tables (ids 99001-99003, so
# it needs no import), then through the day page's own forms logs 8 foods over four meals, one activity, and goals.
# It measures, RUNS times each (default 3), after a 30 s warm-up, GET /my/profiles/{id}/planner?date=2026-12-01 with
# the sign-in cookie at 32 connections and at 1. Prints req/s and p50/p95/p99 per run. Needs wrk, curl, sqlite3, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
runs="${RUNS:-3}"
for tool in wrk curl sqlite3 python3; do command -v $tool >/dev/null || { echo "$tool is not installed"; exit 1; }; done
data=$(mktemp -d /tmp/medatlas-bench-planner.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet build src/MedAtlas.Web -c Release -nologo -v quiet >/dev/null
# Development keeps the cookies usable over plain http on loopback; everything else is as in production.
env MedAtlas__DataDirectory="$data" ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
  Accounts__RateLimits__sign-in=100000000 Accounts__RateLimits__register=100000000 Jobs__Enabled=false \
  dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll --urls "http://127.0.0.1:$port" >/tmp/medatlas-bench-planner.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done

jar="$data/cookies"
form_token() { curl -s -c "$jar" -b "$jar" "$base$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
email="bench-planner@example.org"; password="lantern orbit meadow 42"
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=$email" --data-urlencode "Input.DisplayName=Bench" \
  --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$(form_token /register)" "$base/register"
link=$(sqlite3 "$data/medatlas.db" "select TextBody from outbox where Kind='confirm-email'" | grep -o 'http://[^ ]*' | head -1)
curl -s -o /dev/null "$link"
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
  --data-urlencode "__RequestVerificationToken=$(form_token /sign-in)" "$base/sign-in"
cookie=$(awk '$6 == "medatlas" {print $6"="$7}' "$jar")
[ -n "$cookie" ] || { echo "sign-in failed; see /tmp/medatlas-bench-planner.log"; exit 1; }
token=$(curl -s -c "$jar" -b "$jar" --data-urlencode "Name=bench" --data-urlencode "Days=30" \
  --data-urlencode "__RequestVerificationToken=$(form_token /account/tokens)" "$base/account/tokens?handler=Create" \
  | grep -o 'value="mat_[A-Za-z0-9_-]*"' | head -1 | sed 's/value="//;s/"$//')
profile=$(curl -sf -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  --data '{"name":"Bench","relationship":"self","birthYear":1986}' "$base/api/v1/my/profiles" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

# Three foods with the planner's seven nutrients and household measures (values per 100 g as in SR28's layout).
sqlite3 "$data/medatlas.db" <<'SQL'
insert or ignore into food_groups (Code, Name) values ('9900', 'Bench foods');
insert or ignore into nutrients (Id, Unit, Name, Decimals, SortOrder) values
  ('208','kcal','Energy',0,1),('205','g','Carbohydrate, by difference',2,2),('203','g','Protein',2,3),('204','g','Total lipid (fat)',2,4),
  ('291','g','Fiber, total dietary',1,5),('307','mg','Sodium, Na',0,6),('269','g','Sugars, total',2,7);
insert into foods (Id, GroupCode, Name, ShortName, Survey, Origin) values
  ('99001','9900','Bench banana, raw','',1,'Starter'),('99002','9900','Bench yogurt, greek, plain','',1,'Starter'),('99003','9900','Bench bread, whole-wheat','',1,'Starter');
insert into food_nutrients (FoodId, NutrientId, Value) values
  ('99001','208',89),('99001','205',22.84),('99001','203',1.09),('99001','204',0.33),('99001','291',2.6),('99001','307',1),('99001','269',12.23),
  ('99002','208',59),('99002','205',3.6),('99002','203',10.19),('99002','204',0.39),('99002','307',36),
  ('99003','208',252),('99003','205',42.71),('99003','203',12.45),('99003','204',3.5),('99003','291',6),('99003','307',455),('99003','269',4.41);
insert into food_portions (FoodId, Seq, Amount, Description, Grams) values
  ('99001',1,1,'medium',118),('99002',1,1,'container (6 oz)',170),('99003',1,1,'slice',32);
SQL

page="/my/profiles/$profile/planner"
post() { # handler field=value...
  local handler=$1; shift
  local args=(); for f in "$@"; do args+=(--data-urlencode "$f"); done
  curl -s -o /dev/null -w '%{http_code}\n' -c "$jar" -b "$jar" "${args[@]}" --data-urlencode "__RequestVerificationToken=$(form_token "$page")" "$base$page?handler=$handler"
}
for line in "99001 Breakfast 1" "99002 Breakfast 1" "99003 Lunch 2" "99001 Lunch 1" "99003 Dinner 3" "99002 Dinner 1" "99001 Snack 1" "99003 Snack 1"; do
  set -- $line
  post AddFood "FoodId=$1" "Meal=$2" "PortionSeq=1" "Quantity=$3" "date=2026-12-01" | grep -qx 303 || { echo "adding a food failed"; exit 1; }
done
post AddExercise "ActivityCode=17190" "Minutes=30" "WeightKg=70" "date=2026-12-01" | grep -qx 303 || { echo "adding exercise failed"; exit 1; }
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Goals.WeightKg=70" --data-urlencode "Goals.HeightCm=165" --data-urlencode "Goals.AgeYears=40" \
  --data-urlencode "Goals.EquationSex=female" --data-urlencode "Goals.Activity=Moderate" \
  --data-urlencode "__RequestVerificationToken=$(form_token "$page/goals")" "$base$page/goals?handler=Calculate"
url="$base$page?date=2026-12-01"
bytes=$(curl -s -H "Cookie: $cookie" "$url" | wc -c)
echo "day page: $(curl -s -H "Cookie: $cookie" "$url" | grep -c 'handler=RemoveFood') food lines, $bytes bytes"

cat > "$data/percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("req/s %.0f  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  non-2xx %d  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
wrk -t2 -c32 -d30s -H "Cookie: $cookie" "$url" >/dev/null 2>&1 || true   # warm-up: tiered JIT with dynamic PGO (10 s left the first run at half speed)
for connections in 32 1; do
  echo "### GET $page?date=2026-12-01 (cookie), $connections connection(s), ${seconds}s x $runs"
  for _ in $(seq 1 "$runs"); do
    wrk -t"$([ "$connections" = 1 ] && echo 1 || echo 2)" -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" -s "$data/percentiles.lua" "$url" | tail -1
  done
done
