#!/usr/bin/env bash
# Accounts under load with wrk on loopback: bench/accounts.sh [seconds]
# Starts the Release build on a fresh SQLite folder, creates and confirms one account through the real pages
# (the confirmation link is read from the outbox table), then measures:
#   1. sign-ins per second at the configured PBKDF2 cost (POST /sign-in with the right password, 4 connections);
#   2. a signed-in page (/account, which loads the account) and a signed-in catalogue page (/drugs/atorvastatin)
#      at 32 connections, with the sign-in cookie;
#   3. the median time of a wrong sign-in for the known email (locked after 5) and for an unknown one.
# Rate limits are raised for the run. Needs wrk, curl and sqlite3 (apt-get install wrk curl sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
for tool in wrk curl sqlite3; do command -v $tool >/dev/null || { echo "$tool is not installed"; exit 1; }; done
data=$(mktemp -d /tmp/medatlas-bench-accounts.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet build src/MedAtlas.Web -c Release -nologo -v quiet >/dev/null
# Development keeps the cookies usable over plain http on loopback; everything else is as in production.
# (env, because a variable name with a hyphen cannot be assigned by the shell itself.)
env MedAtlas__DataDirectory="$data" ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
  Accounts__RateLimits__sign-in=100000000 Jobs__Enabled=false \
  dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll --urls "http://127.0.0.1:$port" >/tmp/medatlas-bench-accounts.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done

jar="$data/cookies"
token() { curl -s -c "$jar" -b "$jar" "$base$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
email="bench@example.org"; password="lantern orbit meadow 42"
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=$email" --data-urlencode "Input.DisplayName=Bench" \
  --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$(token /register)" "$base/register"
link=$(sqlite3 "$data/medatlas.db" "select TextBody from outbox where Kind='confirm-email'" | grep -o 'http://[^ ]*' | head -1)
curl -s -o /dev/null "$link"

signin_token=$(token /sign-in)
af_cookie=$(awk '$6 ~ /medatlas-af/ {print $6"="$7}' "$jar")
body="Input.Email=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$email")&Input.Password=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$password")&__RequestVerificationToken=$signin_token"
cat > "$data/signin.lua" <<LUA
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "$af_cookie"
LUA
echo "### POST /sign-in (right password, PBKDF2-HMAC-SHA512 at the configured iterations)"
wrk -t2 -c4 -d"${seconds}s" --latency -s "$data/signin.lua" "$base/sign-in" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors" || true

curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" \
  --data-urlencode "__RequestVerificationToken=$(token /sign-in)" "$base/sign-in"
auth=$(awk '$6 == "medatlas" {print $6"="$7}' "$jar")
[ -n "$auth" ] || { echo "sign-in failed; see /tmp/medatlas-bench-accounts.log"; exit 1; }
# wrk does not count a redirect as an error: make sure the cookie really opens the signed-in page.
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $auth" "$base/account")" = 200 ] || { echo "the sign-in cookie does not open /account"; exit 1; }
for target in /account /drugs/atorvastatin; do
  wrk -t2 -c32 -d3s -H "Cookie: $auth" "$base$target" >/dev/null 2>&1 || true
  echo "### signed in: GET $target"
  wrk -t2 -c32 -d"${seconds}s" --latency -H "Cookie: $auth" "$base$target" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors" || true
done

# Account enumeration by timing: a wrong password for the known email (until and after its lockout) against an
# email with no account. The medians should match within the noise.
median_time() { # email
  # A visitor who is not signed in (a signed-in one is sent from /sign-in to /account, with no form).
  local jar="$data/anonymous"; rm -f "$jar"
  local form; form=$(curl -s -c "$jar" -b "$jar" "$base/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  for _ in $(seq 1 21); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$jar" --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=not the right one at all" \
      --data-urlencode "__RequestVerificationToken=$form" "$base/sign-in"
  done | awk '$1 != 200 {print "unexpected status " $1 > "/dev/stderr"} {print $2}' | sort -n | awk '{a[NR]=$1} END {printf "%.1f ms\n", a[int((NR+1)/2)]*1000}'
}
echo "### median time of a wrong sign-in, 21 each"
echo "known email (locked after the first 5): $(median_time "$email")"
echo "unknown email:                          $(median_time "nobody-$RANDOM@example.org")"

