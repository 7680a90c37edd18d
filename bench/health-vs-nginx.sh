#!/usr/bin/env bash
# A health article and the home page against nginx serving the same bytes: bench/health-vs-nginx.sh [seconds]
# Fresh data folder with the starter data, the Release build on 127.0.0.1, each page fetched once and written into a
# static root that nginx (apt: nginx-light) serves from another loopback port; then wrk (32 connections, 2 threads)
# against the app and against nginx for each page, one after the other. wrk, nginx and the app share this machine's
# cores: the figures are for comparing the two side by side, not absolute capacity.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx-light)"; exit 1; }
work="$(mktemp -d /tmp/medatlas-health-bench.XXXXXX)"
export MedAtlas__DataDirectory="$work/data" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
sources_off=(--Alerts:OpenFda:BaseUrl= --Alerts:Feeds:fda-recalls-rss:Url= --Alerts:Feeds:fda-medwatch-rss:Url=)
mkdir -p "$work/data" "$work/root" "$work/nginx"
dotnet build src/MedAtlas.Web -c Release -nologo -v quiet >/dev/null
dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll migrate | tail -1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
app_port=$(free_port)
nginx_port=$(free_port)
dotnet src/MedAtlas.Web/bin/Release/net10.0/MedAtlas.Web.dll --urls "http://127.0.0.1:$app_port" "${sources_off[@]}" >"$work/server.log" 2>&1 &
server=$!
cleanup() { kill $server 2>/dev/null || true; nginx -p "$work/nginx" -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$app_port/healthz" >/dev/null && break; sleep 0.5; done

pages=("/health/diabetes/insulin-pumps" "/")
for page in "${pages[@]}"; do
  name=$(echo "$page" | tr '/' '_')
  curl -sf "http://127.0.0.1:$app_port$page" -o "$work/root/$name.html"
done
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
error_log $work/nginx/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  default_type text/html;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx; uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nginx_port; root $work/root; }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx.conf"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $seconds s per run"
echo "| page | size | MedAtlas req/s | nginx req/s (same bytes) | MedAtlas / nginx | MedAtlas p99 |"
echo "| --- | --- | --- | --- | --- | --- |"
for page in "${pages[@]}"; do
  name=$(echo "$page" | tr '/' '_')
  size=$(stat -c %s "$work/root/$name.html")
  app_url="http://127.0.0.1:$app_port$page"
  nginx_url="http://127.0.0.1:$nginx_port/$name.html"
  wrk -t2 -c32 -d3s "$app_url" >/dev/null 2>&1 || true
  wrk -t2 -c32 -d3s "$nginx_url" >/dev/null 2>&1 || true
  app_out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$app_url")
  nginx_out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$nginx_url")
  app_rps=$(echo "$app_out" | awk '/Requests\/sec/ {print $2}')
  nginx_rps=$(echo "$nginx_out" | awk '/Requests\/sec/ {print $2}')
  app_p99=$(echo "$app_out" | awk '$1=="99%" {print $2}')
  if echo "$app_out" | grep -q "Non-2xx"; then echo "warning: $page answered non-2xx under load" >&2; fi
  ratio=$(python3 -c "print('%.0f%%' % (100 * $app_rps / $nginx_rps))")
  echo "| $page | $((size / 1024)) KB | $app_rps | $nginx_rps | $ratio | $app_p99 |"
done
