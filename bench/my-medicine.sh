#!/usr/bin/env bash
# My Medicine under load with wrk on loopback: bench/my-medicine.sh [seconds] [page path]
# Starts the Release build on a fresh SQLite folder with the starter catalogue, registers and confirms one account
# through the pages, makes a personal access token on /account/tokens, then through the personal API itself makes a
# profile and adds 30 catalogue medicines that interact (the list bench/wrk.sh checks). It measures, RUNS times each
# (default 3), after a warm-up:
#   1. GET /api/v1/my/profiles/{id}/checks with the token, at 32 connections and at 1 (no queueing: close to the
#      server's own time per request);
#   2. for reference, the public checker API on the same 30 medicines (no profile, token or query);
#   3. the HTML profile page (default /my/profiles/{id}; {id} is replaced) with the sign-in cookie, the same way,
#      unless it answers 404 (the page is built separately).
# Prints req/s and p50/p95/p99 per run. Needs wrk, curl, sqlite3 and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
page_template="${2:-/my/profiles/{id\}}"
runs="${RUNS:-3}"
for tool in wrk curl sqlite3 python3; do command -v $tool >/dev/null || { echo "$tool is not installed"; exit 1; }; done
data=$(mktemp -d /tmp/medatlas-bench-my.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet build src/MedAtlas.Web -c Release -nologo -v quiet >/dev/null
# Development keeps the cookies usable over plain http on loopback; everything else is as in production.
env MedAtlas__DataDirectory="$data" ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
  Accounts__RateLimits__sign-in=100000000 Accounts__RateLimits__register=100000000 Jobs__Enabled=false \
  dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll --urls "http://127.0.0.1:$port" >/tmp/medatlas-bench-my.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done

jar="$data/cookies"
form_token() { curl -s -c "$jar" -b "$jar" "$base$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
email="bench-my@example.org"; password="lantern orbit meadow 42"
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=$email" --data-urlencode "Input.DisplayName=Bench" \
  --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$(form_token /register)" "$base/register"
link=$(sqlite3 "$data/medatlas.db" "select TextBody from outbox where Kind='confirm-email'" | grep -o 'http://[^ ]*' | head -1)
curl -s -o /dev/null "$link"
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
  --data-urlencode "__RequestVerificationToken=$(form_token /sign-in)" "$base/sign-in"
cookie=$(awk '$6 == "medatlas" {print $6"="$7}' "$jar")
[ -n "$cookie" ] || { echo "sign-in failed; see /tmp/medatlas-bench-my.log"; exit 1; }

token=$(curl -s -c "$jar" -b "$jar" --data-urlencode "Name=bench" --data-urlencode "Days=30" \
  --data-urlencode "__RequestVerificationToken=$(form_token /account/tokens)" "$base/account/tokens?handler=Create" \
  | grep -o 'value="mat_[A-Za-z0-9_-]*"' | head -1 | sed 's/value="//;s/"$//')
[ -n "$token" ] || { echo "no token was made; see /tmp/medatlas-bench-my.log"; exit 1; }
api() { # method path [json]
  curl -sf -X "$1" -H "Authorization: Bearer $token" -H "Content-Type: application/json" ${3:+--data "$3"} "$base$2"
}
profile=$(api POST /api/v1/my/profiles '{"name":"Bench parent","relationship":"parent","birthYear":1950}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
thirty="warfarin ibuprofen simvastatin clarithromycin sertraline tramadol metformin lisinopril spironolactone amiodarone digoxin omeprazole clopidogrel lithium hydrochlorothiazide alprazolam oxycodone fluconazole ciprofloxacin tizanidine levothyroxine amlodipine atorvastatin prednisone methotrexate sulfamethoxazole-trimethoprim phenelzine sildenafil nitroglycerin st-johns-wort"
for slug in $thirty; do
  api POST "/api/v1/my/profiles/$profile/medicines" "{\"drugSlug\":\"$slug\",\"name\":\"$slug\",\"doseAmount\":1,\"doseUnit\":\"tablet\",\"frequency\":\"timesADay\",\"frequencyCount\":1,\"quantity\":30}" >/dev/null
done
checks="/api/v1/my/profiles/$profile/checks"
api GET "$checks" | python3 -c '
import json, sys
c = json.load(sys.stdin)
n = {k: len(c[k]) for k in ("checked", "interactions", "duplicates", "foodAndAlcohol")}
print("profile: {checked} checked medicines, {interactions} interactions, {duplicates} duplicates, {foodAndAlcohol} food notes".format(**n),
      "(worst %s, %d warnings); response %d bytes" % (c["worstInteraction"], c["warningCount"], len(json.dumps(c))))'

cat > "$data/percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("req/s %.0f  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  non-2xx %d  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
measure() { # label header url
  wrk -t2 -c32 -d10s -H "$2" "$3" >/dev/null 2>&1 || true   # warm-up: tiered JIT (with dynamic PGO) needs more than a few seconds
  for connections in 32 1; do
    echo "### $1, $connections connection(s), ${seconds}s x $runs"
    for _ in $(seq 1 "$runs"); do
      wrk -t"$([ "$connections" = 1 ] && echo 1 || echo 2)" -c"$connections" -d"${seconds}s" -H "$2" -s "$data/percentiles.lua" "$3" | tail -1
    done
  done
}
measure "GET $checks (token)" "Authorization: Bearer $token" "$base$checks"
# The same engine on the same 30 medicines without a profile, a token or a database: the public checker API.
measure "GET /api/v1/interactions?drugs=<the same 30> (reference, anonymous)" "Accept: application/json" "$base/api/v1/interactions?drugs=${thirty// /,}"

page="${page_template//\{id\}/$profile}"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$page")
if [ "$status" = 404 ]; then
  echo "### GET $page answers 404 here: the profile page is not built on this branch; skipped"
elif [ "$status" != 200 ]; then
  echo "### GET $page answers $status with the cookie; skipped"
else
  measure "GET $page (cookie)" "Cookie: $cookie" "$base$page"
fi
