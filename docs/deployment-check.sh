#!/usr/bin/env bash
# Runs what docs/deployment.md tells an operator to run, on this machine, in a throwaway folder:
#   publish; `systemd-analyze verify` on docs/deploy/medatlas.service; `nginx -t` on docs/deploy/nginx-medatlas.conf
#   (when nginx is installed, with a self-signed certificate); the published app started from / with the unit's
#   environment (its paths moved under the throwaway folder); /healthz/live and /healthz/ready over plain HTTP
#   in Production; a page through X-Forwarded-Proto; backup while it runs; restore refused while it runs;
#   restore --force once stopped; start again on the restored database.
# Optional: MEDATLAS_CHECK_POSTGRES="Host=...;Username=...;Database=..." also runs backup and restore on PostgreSQL
# (the database is replaced: use a throwaway one). Last line: "deployment-check: passed" or the failing step.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d /tmp/medatlas-deploy.XXXXXX)
site_pid=""
cleanup() {
  [[ -n "$site_pid" ]] && kill "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { echo "deployment-check: FAILED: $*"; exit 1; }

opt="$work/opt/medatlas"
state="$work/var/lib/medatlas"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

step "dotnet publish -c Release -o $opt"
dotnet publish src/MedAtlas.Web -c Release -o "$opt" -nologo -v quiet >"$work/publish.log" 2>&1 || { cat "$work/publish.log"; fail publish; }

step "systemd-analyze verify medatlas.service"
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$work/unit"
  # The unit as documented, with ExecStart pointing at this publish (verify checks the binary exists).
  sed "s|/opt/medatlas|$opt|g" docs/deploy/medatlas.service >"$work/unit/medatlas.service"
  systemd-analyze verify "$work/unit/medatlas.service" 2>&1 | tee "$work/verify.log"
  # On a machine without systemd as PID 1 verify warns about the missing manager; anything about the unit fails.
  if grep -E "medatlas.service:" "$work/verify.log" | grep -v "Failed to create" >/dev/null; then fail "systemd-analyze verify"; fi
  echo "verified"
else
  echo "systemd-analyze is not installed: skipped"
fi

step "nginx -t with nginx-medatlas.conf"
if command -v nginx >/dev/null; then
  mkdir -p "$work/nginx/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=health.example.org \
    -keyout "$work/nginx/tls/privkey.pem" -out "$work/nginx/tls/fullchain.pem" >/dev/null 2>&1
  sed "s|/etc/letsencrypt/live/health.example.org|$work/nginx/tls|g" docs/deploy/nginx-medatlas.conf >"$work/nginx/medatlas.conf"
  cat >"$work/nginx/nginx.conf" <<CONF
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events {}
http { access_log off; include $work/nginx/medatlas.conf; }
CONF
  nginx -t -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>&1 | tee "$work/nginx.log"
  grep -q "test is successful" "$work/nginx.log" || fail "nginx -t"
else
  echo "nginx is not installed: skipped (apt-get install nginx-light to check the configuration)"
fi

# The unit's Environment= lines, with its paths moved under $work and its port to a free one.
unit_env=()
while IFS= read -r line; do
  value=${line#Environment=}
  value=${value//\/var\/lib\/medatlas/$state}
  value=${value//127.0.0.1:5000/127.0.0.1:$port}
  unit_env+=("$value")
done < <(grep '^Environment=' docs/deploy/medatlas.service)
mkdir -p "$state/backups"   # StateDirectory= makes $state; the backups folder is the operator's
run() { (cd / && env -i PATH="$PATH" HOME="$work" "${unit_env[@]}" "$@"); }
base="http://127.0.0.1:$port"

start_site() {
  (cd / && exec env -i PATH="$PATH" HOME="$work" "${unit_env[@]}" "$opt/MedAtlas.Web") >>"$work/site.log" 2>&1 &
  site_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "$base/healthz/ready" >/dev/null 2>&1 && return 0
    kill -0 "$site_pid" 2>/dev/null || { tail -20 "$work/site.log"; fail "the site exited"; }
    sleep 0.5
  done
  tail -20 "$work/site.log"; fail "/healthz/ready never answered 200"
}
stop_site() { kill "$site_pid"; wait "$site_pid" 2>/dev/null || true; site_pid=""; }

step "start from / with the unit's environment; curl /healthz/live and /healthz/ready"
start_site
curl -sf "$base/healthz/live" | grep -qx Healthy || fail "/healthz/live"
curl -sf "$base/healthz/ready" | grep -qx Healthy || fail "/healthz/ready"
echo "live and ready over plain HTTP"
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/drugs")
[[ "$code" == 307 ]] || fail "a page over plain HTTP answered $code, not the redirect to HTTPS"
code=$(curl -s -o "$work/drugs.html" -w '%{http_code}' -H 'X-Forwarded-Proto: https' "$base/drugs")
[[ "$code" == 200 ]] || fail "a page through the proxy (X-Forwarded-Proto: https) answered $code"
grep -q 'href="/css/site\.[a-z0-9]*\.css"' "$work/drugs.html" || fail "the page has no fingerprinted stylesheet"
echo "pages: 307 to HTTPS directly, 200 through the proxy headers"

step "backup while the site runs"
run "$opt/MedAtlas.Web" backup "$state/backups/medatlas-1.db"
run "$opt/MedAtlas.Web" backup "$state/backups/medatlas-1.db" && fail "a second backup overwrote the first without --force" || echo "(refused, as it should be)"

step "restore while the site runs: refused"
run "$opt/MedAtlas.Web" restore "$state/backups/medatlas-1.db" --force && fail "restore replaced a database in use" || echo "(refused, as it should be)"

step "stop, restore --force, start"
stop_site
run "$opt/MedAtlas.Web" restore "$state/backups/medatlas-1.db" --force
start_site
curl -sf "$base/healthz/ready" | grep -qx Healthy || fail "/healthz/ready after the restore"
echo "ready on the restored database"
stop_site

if [[ -n "${MEDATLAS_CHECK_POSTGRES:-}" ]]; then
  step "PostgreSQL: backup (pg_dump) and restore (pg_restore | psql)"
  pg_env=(Database__Provider=postgres "ConnectionStrings__Default=$MEDATLAS_CHECK_POSTGRES")
  run "${pg_env[@]}" "$opt/MedAtlas.Web" migrate >/dev/null
  run "${pg_env[@]}" "$opt/MedAtlas.Web" backup "$state/backups/medatlas.dump"
  run "${pg_env[@]}" "$opt/MedAtlas.Web" restore "$state/backups/medatlas.dump" --force
  run "${pg_env[@]}" "$opt/MedAtlas.Web" migrate
fi

echo
echo "deployment-check: passed"
