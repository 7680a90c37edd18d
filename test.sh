#!/usr/bin/env bash
# Runs every test suite: the integration tests on SQLite and on a throwaway PostgreSQL server, then the
# browser tests in Debian's Chromium. Installs what is missing with apt when it can. Last line:
# "N passed, N failed, N skipped; ran: SQLite, PostgreSQL, browser", then "; not run: <suite> (<why>)" and
# "; missing: <what>" when something was. Under CI=true (any case) a suite that did not run, or a test whose
# prerequisite (Chromium, ../shared/data) is missing, fails the run: a green CI ran everything.
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
work=$(mktemp -d /tmp/medatlas-test.XXXXXX)
pg_data=""
pg_bin=""
pg_user_cmd=()
smtp_pid=""
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\n== %s\n' "$*"; }

cleanup() {
  [[ -n "$smtp_pid" ]] && kill "$smtp_pid" 2>/dev/null && wait "$smtp_pid" 2>/dev/null
  if [[ -n "$pg_data" && -f "$pg_data/postmaster.pid" ]]; then
    "${pg_user_cmd[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [[ -n "$pg_data" ]] && rm -rf "$pg_data"
  rm -rf "$work"
}
trap cleanup EXIT

install_missing() {
  local wanted=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || wanted+=(postgresql)
  command -v chromium >/dev/null || wanted+=(chromium)
  # /usr/bin/python3 on purpose: python3 on PATH may be another interpreter without Debian's packages.
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || wanted+=(python3-aiosmtpd)
  ((${#wanted[@]} == 0)) && return 0
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo); else
      echo "Missing ${wanted[*]}, and no root to install them: those suites will fail. Install them with apt." >&2
      return 0
    fi
  fi
  say "Installing ${wanted[*]} with apt"
  "${sudo[@]}" apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${wanted[@]}" >"$work/apt.log" 2>&1 \
    || { echo "apt-get install ${wanted[*]} failed; see below" >&2; tail -20 "$work/apt.log" >&2; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_postgres() {
  pg_bin=$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -1)" 2>/dev/null)
  if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" ]]; then echo "PostgreSQL is not installed." >&2; return 1; fi
  pg_data=$(mktemp -d /tmp/medatlas-pg.XXXXXX)
  if [[ $(id -u) -eq 0 ]]; then
    # PostgreSQL refuses to run as root; the Debian package creates the postgres user.
    chown postgres "$pg_data"
    pg_user_cmd=(runuser -u postgres --)
  fi
  local port; port=$(free_port)
  "${pg_user_cmd[@]}" "$pg_bin/initdb" -D "$pg_data/db" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; return 1; }
  # Durability is pointless for a throwaway test server; turning it off makes the suite faster.
  "${pg_user_cmd[@]}" "$pg_bin/pg_ctl" -D "$pg_data/db" -l "$pg_data/server.log" -w -t 30 \
    -o "-p $port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$pg_data/server.log" >&2; return 1; }
  pg_data="$pg_data/db"
  # The backup tests run pg_dump / pg_restore / psql of the same version as the server.
  export PATH="$pg_bin:$PATH"
  export MEDATLAS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

# A real SMTP server the mail tests deliver to (tests/smtp/smtp_sink.py writes each message as an .eml file).
# Fault tests start their own instance, so switching this one to reject or be slow never disturbs others.
start_smtp() {
  if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then echo "python3-aiosmtpd is not installed." >&2; return 1; fi
  local port; port=$(free_port)
  mkdir -p "$work/smtp/mail"
  /usr/bin/python3 tests/smtp/smtp_sink.py --port "$port" --dir "$work/smtp/mail" >"$work/smtp/sink.log" 2>&1 &
  smtp_pid=$!
  local i
  for i in $(seq 1 100); do
    grep -q '^listening' "$work/smtp/sink.log" 2>/dev/null && break
    kill -0 "$smtp_pid" 2>/dev/null || { cat "$work/smtp/sink.log" >&2; smtp_pid=""; return 1; }
    sleep 0.1
  done
  export MEDATLAS_TEST_SMTP_PORT=$port MEDATLAS_TEST_SMTP_DIR="$work/smtp/mail"
  echo "SMTP sink on 127.0.0.1:$port"
}

passed=0; failed=0; skipped=0; broken=()
ran=(); not_run=()
ci=false; [[ "${CI:-}" =~ ^[Tt][Rr][Uu][Ee]$ ]] && ci=true

# run_suite <log name> <name on the last line> <command...>
run_suite() {
  local name=$1 label=$2; shift 2
  say "$name"
  local log="$work/$name.log"
  "$@" 2>&1 | tee "$log" | grep -E '^\s*(Failed|Skipped) |Error Message|^\s{3}[A-Z].*|Passed!|Failed!|Skipped!|error' | grep -v '^\s*$' | head -200
  local status=${PIPESTATUS[0]}
  local line; line=$(grep -E '(Passed|Failed|Skipped)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -1)
  if [[ -z "$line" ]]; then
    echo "$name did not report results (exit $status)"; broken+=("$name"); not_run+=("$label (no results, exit $status)"); return
  fi
  local f p s
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  [[ $status -ne 0 && $f -eq 0 ]] && broken+=("$name")
  if ((p > 0)); then ran+=("$label"); else not_run+=("$label (no test passed: $s skipped, $f failed)"); fi
}

install_missing

say "Build"
if ! dotnet build MedAtlas.slnx -c Release -nologo -v quiet 2>&1 | tee "$work/build.log" | grep -E 'error|Build succeeded' | sort -u; then :; fi
if ! grep -q 'Build succeeded' "$work/build.log"; then
  cat "$work/build.log"; echo "0 passed, 1 failed"; exit 1
fi

test_cmd=(dotnet test --no-build -c Release --nologo)

say "Starting the SMTP sink"
start_smtp || echo "Could not start the SMTP sink; the mail tests start their own or fail."

run_suite "integration-sqlite" SQLite env MEDATLAS_TEST_PROVIDER=sqlite "${test_cmd[@]}" tests/MedAtlas.Tests

say "Starting PostgreSQL"
if start_postgres; then
  run_suite "integration-postgres" PostgreSQL env MEDATLAS_TEST_PROVIDER=postgres "${test_cmd[@]}" tests/MedAtlas.Tests
else
  echo "Could not start PostgreSQL; the PostgreSQL suite counts as failed."; broken+=("integration-postgres")
  not_run+=("PostgreSQL (the server did not start)")
fi

if [[ -d tests/MedAtlas.BrowserTests ]]; then
  run_suite "browser" browser env MEDATLAS_CHROMIUM="$(command -v chromium || echo /usr/bin/chromium)" "${test_cmd[@]}" tests/MedAtlas.BrowserTests
else
  not_run+=("browser (tests/MedAtlas.BrowserTests is missing)")
fi

say "Summary"
((${#broken[@]} > 0)) && echo "Suites that did not run cleanly: ${broken[*]}"
failed=$((failed + ${#broken[@]}))
# The reasons the tests gave for a missing prerequisite under CI=true (Prerequisite.CiFailurePrefix), once each.
mapfile -t missing < <(cat "$work"/*.log 2>/dev/null | grep -oE 'Not run under CI=true: .*' \
  | sed -E 's/^Not run under CI=true: //; s/[[:space:]]+$//' | sort -u)
join() { local sep=$1 out="" item; shift; for item in "$@"; do out+="${out:+$sep}$item"; done; echo "$out"; }
summary="$passed passed, $failed failed, $skipped skipped; ran: $(join ', ' "${ran[@]}")"
((${#ran[@]} == 0)) && summary+="none"
((${#not_run[@]} > 0)) && summary+="; not run: $(join ', ' "${not_run[@]}")"
((${#missing[@]} > 0)) && summary+="; missing: $(join '; ' "${missing[@]}")"
$ci && ((${#not_run[@]} > 0)) && summary+=" (CI=true: every suite must run)"
echo "$summary"
((failed == 0)) || exit 1
if $ci && ((${#not_run[@]} > 0)); then exit 1; fi
exit 0
