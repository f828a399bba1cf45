#!/usr/bin/env bash
# The dashboard as it is served: nginx on 127.0.0.1:$PORT in front of $WORKERS Streamlit
# processes (one per core by default), each on its own free 127.0.0.1 port. Runs in the
# foreground; restarts a Streamlit process that dies; on SIGTERM or SIGINT stops everything it
# started, by PID. Installs nginx (Debian's package) when it is missing.
#
#   PORT=8080 WORKERS=2 deploy/serve.sh
#
# | variable       | default        | what                                                        |
# |----------------|----------------|-------------------------------------------------------------|
# | PORT           | 8080           | where nginx listens, on 127.0.0.1                           |
# | WORKERS        | number of cores| Streamlit processes                                         |
# | RESTART_DELAY  | 1              | seconds before a dead Streamlit process is started again    |
# | SERVE_RUN_DIR  | a new temp dir | nginx.conf, pids, logs; `streamlit.pids` lists "port pid"   |
# | FITJP_DATA_DIR | data/          | the data folder (fitjp/settings.py), passed on to every process |
# | FITJP_EMBED_ORIGINS | (none)    | origins whose pages may frame the dashboard (fitjp/settings.py): the CSP's frame-ancestors |
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEPLOY_DIR="$ROOT/deploy"
PORT="${PORT:-8080}"
WORKERS="${WORKERS:-$(nproc)}"
RESTART_DELAY="${RESTART_DELAY:-1}"
PYTHON="${PYTHON:-python3}"
if [ -n "${SERVE_RUN_DIR:-}" ]; then
  RUN_DIR="$SERVE_RUN_DIR"; OWN_RUN_DIR=0; mkdir -p "$RUN_DIR"
else
  RUN_DIR="$(mktemp -d -t fitjp-serve.XXXXXX)"; OWN_RUN_DIR=1
fi
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
DATA_DIR="$(cd "${FITJP_DATA_DIR:-$ROOT/data}" && pwd)"  # nginx serves the data URLs' files from here

log() { echo "serve.sh: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

NGINX="$(command -v nginx || true)"
[ -n "$NGINX" ] || [ ! -x /usr/sbin/nginx ] || NGINX=/usr/sbin/nginx
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if [ -z "$NGINX" ]; then
  log "installing nginx (Debian's nginx-light and its brotli_static module)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
  NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
fi
if [ ! -f "$BROTLI_MODULE" ]; then  # optional: without it nginx sends gzip only
  { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq libnginx-mod-http-brotli-static >/dev/null; } 2>/dev/null \
    || log "no brotli module (apt-get install libnginx-mod-http-brotli-static): gzip only"
fi
# Brotli needs the module (for nginx) and Python's brotli (deploy/precompress.py): both, or gzip alone.
if [ -f "$BROTLI_MODULE" ] && "$PYTHON" -c 'import brotli' 2>/dev/null; then BROTLI=1; else BROTLI=0; fi

free_port() {
  "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Ports are chosen once: nginx's upstream list names them, so a restarted process takes its old one.
declare -a PORTS PIDS DIED_AT
for ((i = 0; i < WORKERS; i++)); do PORTS[i]="$(free_port)"; PIDS[i]=""; DIED_AT[i]=""; WARM_PIDS[i]=""; done

write_pids() {  # atomically, so a reader (the load test) never sees half a file
  local i
  : > "$RUN_DIR/streamlit.pids.new"
  for ((i = 0; i < WORKERS; i++)); do  # only processes started so far: a reader finds a PID on every line
    [ -z "${PIDS[i]}" ] || echo "${PORTS[i]} ${PIDS[i]}" >> "$RUN_DIR/streamlit.pids.new"
  done
  mv "$RUN_DIR/streamlit.pids.new" "$RUN_DIR/streamlit.pids"
}

start_worker() {
  local i="$1"
  # No file watcher (nothing changes under a served app, and polling costs CPU); generic error
  # messages in the browser, the details in the process's log; uploads at their smallest
  # (1 MB: the public app asks for none, and nginx and fitjp/web.py refuse them anyway).
  (cd "$ROOT" && exec "$PYTHON" -m streamlit run app.py \
      --server.headless true --server.address 127.0.0.1 --server.port "${PORTS[i]}" \
      --server.fileWatcherType none --server.runOnSave false --client.showErrorDetails none \
      --server.maxUploadSize 1 --browser.gatherUsageStats false) >> "$RUN_DIR/streamlit-${PORTS[i]}.log" 2>&1 &
  PIDS[i]=$!
  DIED_AT[i]=""
  write_pids
  log "streamlit on 127.0.0.1:${PORTS[i]} (pid ${PIDS[i]})"
  # Every page opened once in each language as soon as the process answers (loadtest/warm.py),
  # so the first viewers after a start or a restart find the views built instead of all paying
  # for them at once (deploy/LOAD.md: 100 viewers' p95 1.4 s cold, 0.9 s warmed). Bounded.
  (cd "$ROOT" && exec timeout 120 "$PYTHON" -m loadtest.warm --wait "http://127.0.0.1:${PORTS[i]}") \
      >> "$RUN_DIR/streamlit-${PORTS[i]}.log" 2>&1 &
  WARM_PIDS[i]=$!
}

NGINX_PID=""
COMPRESS_PID=""
WWW_DIR=""
TMP_DIR=""
stopping=0
stop_all() {  # $1: the exit status (0 for a requested stop)
  local status="${1:-0}"
  [ "$stopping" -eq 0 ] || return 0
  stopping=1
  log "stopping"
  local pid
  for pid in "${PIDS[@]}" "${WARM_PIDS[@]}" $NGINX_PID $COMPRESS_PID; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}" $NGINX_PID $COMPRESS_PID; do  # each gets 10 s to finish, then is killed
    [ -n "$pid" ] || continue
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [ -z "$WWW_DIR" ] || rm -rf "$WWW_DIR"
  [ -z "$TMP_DIR" ] || rm -rf "$TMP_DIR"
  [ "$OWN_RUN_DIR" -eq 0 ] || rm -rf "$RUN_DIR"
  exit "$status"
}
trap 'stop_all 0' TERM INT
trap 'stop_all $?' EXIT  # a failed step (set -e) leaves no process behind either

# The files nginx serves from disk: a folder of their own under the system's temp folder: when started as root, nginx's workers
# run as nobody, who may not enter RUN_DIR's parents (nor a home folder's site-packages).
WWW_DIR="$(mktemp -d -t fitjp-www.XXXXXX)"
# nginx's temp files (a request body or a proxied answer larger than its buffers): a folder
# its workers may enter (nobody, when started as root), whatever RUN_DIR's parents allow;
# nginx makes its subfolders, its workers' own. In RUN_DIR, under a folder only root could
# enter, a body over 16 KB got 500 instead of reaching the size check.
TMP_DIR="$(mktemp -d -t fitjp-nginx.XXXXXX)"
chmod 711 "$TMP_DIR"

# The security headers' policy, from the one place the app takes it too (fitjp/web.py), with
# frame-ancestors from FITJP_EMBED_ORIGINS; a malformed origin stops the start here.
CSP="$(cd "$ROOT" && "$PYTHON" -c 'from fitjp.web import content_security_policy; print(content_security_policy())')"

upstreams=""
for ((i = 0; i < WORKERS; i++)); do
  upstreams+="        server 127.0.0.1:${PORTS[i]} max_fails=1 fail_timeout=5s;"$'\n'
done
# Paths are escaped for sed's replacement text (| is the delimiter, & means the match).
esc() { printf '%s' "$1" | sed -e 's/[|&\\]/\\&/g'; }
awk -v ups="$upstreams" '{ if ($0 == "@UPSTREAMS@") printf "%s", ups; else print }' \
    "$DEPLOY_DIR/nginx.conf.template" \
  | sed -e "s|@RUN_DIR@|$(esc "$RUN_DIR")|g" -e "s|@WWW_DIR@|$(esc "$WWW_DIR")|g" -e "s|@PORT@|$PORT|g" \
        -e "s|@DATA_DIR@|$(esc "$DATA_DIR")|g" -e "s|@TMP_DIR@|$(esc "$TMP_DIR")|g" \
        -e "s|@CONTENT_SECURITY_POLICY@|$(esc "$CSP")|g" \
        -e "$([ "$BROTLI" -eq 1 ] && echo 's/^\([[:space:]]*\)#brotli /\1/' || echo 's/^$//')" \
        > "$RUN_DIR/nginx.conf"
"$NGINX" -t -q -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/error.log"

for ((i = 0; i < WORKERS; i++)); do start_worker "$i"; done

# What nginx serves from disk is copied into WWW_DIR while the processes start: nginx's workers
# (user nobody when started as root) may not read a home folder's site-packages. Compressed
# copies (.gz, .br) are written beside them in the background once nginx serves.
STREAMLIT_STATIC="$("$PYTHON" -c 'import os, streamlit; print(os.path.join(os.path.dirname(streamlit.__file__), "static"))')"
mkdir -p "$WWW_DIR/static" "$WWW_DIR/app-static"
cp -R "$STREAMLIT_STATIC/static/." "$WWW_DIR/static/"
cp -R "$ROOT/static/." "$WWW_DIR/app-static/"
cp "$DEPLOY_DIR/down.html" "$WWW_DIR/down.html"
chmod -R a+rX "$WWW_DIR"
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/error.log" &
NGINX_PID=$!
echo "$NGINX_PID" > "$RUN_DIR/serve.nginx.pid"
log "nginx on http://127.0.0.1:$PORT (pid $NGINX_PID); run folder $RUN_DIR"
"$PYTHON" "$DEPLOY_DIR/precompress.py" "$WWW_DIR/static" "$WWW_DIR/app-static" &
COMPRESS_PID=$!

# Supervise: a dead Streamlit process is started again after RESTART_DELAY seconds; nginx
# dying ends the whole service (its supervisor, systemd or a shell, decides what next).
while true; do
  if ! kill -0 "$NGINX_PID" 2>/dev/null; then log "nginx exited"; NGINX_PID=""; stop_all 1; fi
  for ((i = 0; i < WORKERS; i++)); do
    if kill -0 "${PIDS[i]}" 2>/dev/null; then continue; fi
    if [ -z "${DIED_AT[i]}" ]; then
      wait "${PIDS[i]}" 2>/dev/null || true
      DIED_AT[i]=$SECONDS
      log "streamlit on port ${PORTS[i]} (pid ${PIDS[i]}) died; restarting in ${RESTART_DELAY}s"
    elif (( SECONDS - DIED_AT[i] >= RESTART_DELAY )); then
      start_worker "$i"
    fi
  done
  sleep 0.5 & wait $! || true  # wait, unlike sleep, lets a SIGTERM's trap run at once
done
