# Part four of bench/edge/run (sourced by it): `greenlight up` itself, zero-downtime edge restarts and kill -9 of its
# edge, under load. Uses run's helpers (log, free_port, wait_http, errors_in) and knobs (THREADS, CONNECTIONS, RESTARTS,
# CRASHES, CRASH_WAIT, CRASH_LOAD); measure_up sets restarts, restart_failed, restart_requests, restart_note, crash_ms and crash_worst.

measure_up() {
    log "part four: greenlight up: ${RESTARTS} edge restarts and ${CRASHES} edge kills (-9) under load"
    UP_DIR="$WORK/up"
    UP_PORT=$(free_port)
    mkdir -p "$UP_DIR"
    # A revision is an nginx on the PORT Greenlight gives it, answering with a fixed body like the backends above.
    cat >"$UP_DIR/revision.sh" <<'SH'
#!/bin/sh
d="$(dirname "$0")/rev-$PORT"
mkdir -p "$d/tmp"
cat >"$d/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $d/nginx.pid; error_log $d/error.log warn; events { worker_connections 4096; }
http { access_log off; keepalive_requests 10000000; keepalive_timeout 300s; client_body_temp_path $d/tmp;
  proxy_temp_path $d/tmp; fastcgi_temp_path $d/tmp; uwsgi_temp_path $d/tmp; scgi_temp_path $d/tmp;
  server { listen 127.0.0.1:$PORT; location / { default_type text/plain; return 200 "up\n"; } } }
CONF
exec /usr/sbin/nginx -p "$d" -c "$d/nginx.conf" -e "$d/error.log"
SH
    chmod +x "$UP_DIR/revision.sh"
    cat >"$UP_DIR/greenlight.yaml" <<YAML
app: benchup
run:
  command: /bin/sh
  args: [$UP_DIR/revision.sh]
health:
  path: /
edge:
  listen: 127.0.0.1:$UP_PORT
YAML
    UP_URL="http://127.0.0.1:$UP_PORT/"
    (cd "$UP_DIR" && exec "${GREENLIGHT[@]}" up >"$WORK/up.log" 2>&1) &
    PIDS+=($!)
    for ((i = 0; i < 1200; i++)); do [[ -s "$UP_DIR/.greenlight/controller.json" ]] && break; sleep 0.05; done
    (cd "$UP_DIR" && "${GREENLIGHT[@]}" deploy 1.0 >"$WORK/deploy.log" 2>&1) || { cat "$WORK/up.log" "$WORK/deploy.log" >&2; log "deploy under up failed"; exit 1; }
    wait_http "$UP_URL"
    UP_EDGE_LOG="$UP_DIR/.greenlight/edge/edge.log"
    up_edge_pid() { sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$UP_DIR/.greenlight/edge/admin.json"; }
    # The standby `up` keeps now (the one that takes over), by its command line; a standby that took over keeps it, so the
    # edge serving is left out.
    standby_pids() { pgrep -f -- "--state-dir $UP_DIR/.greenlight/edge .*--standby-for" | grep -vx "$(up_edge_pid)"; }
    # It has said it is ready. Not a count of ready lines: edge.log holds every edge's and standby's lines, and a standby
    # replaced meanwhile said it was ready too.
    standby_ready() {
        local pids pid
        pids=$(standby_pids) || return 1
        for pid in $pids; do grep -q "Standby edge (pid $pid) ready" "$UP_EDGE_LOG" || return 1; done
    }

    restarts=null restart_failed=null restart_requests=null
    if "${GREENLIGHT[@]}" edge --help 2>/dev/null | grep -qE '^[[:space:]]+restart([[:space:]]|$)'; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d600s "$UP_URL" >"$WORK/wrk-restarts.txt" &
        wrk_pid=$!
        sleep 1
        restarts=0
        for ((k = 1; k <= RESTARTS; k++)); do
            (cd "$UP_DIR" && "${GREENLIGHT[@]}" edge restart >>"$WORK/restart.log" 2>&1) || { log "greenlight edge restart failed:"; tail -5 "$WORK/restart.log"; break; }
            restarts=$k
        done
        sleep 1
        kill -INT "$wrk_pid"
        wait "$wrk_pid" || true
        restart_failed=$(errors_in "$WORK/wrk-restarts.txt")
        restart_requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk-restarts.txt")
        restart_note="$restarts restarts under load, $restart_requests requests, failed (non-2xx + socket errors): $restart_failed"
    else
        restart_note="not measured: this build has no \`greenlight edge restart\` (restarts and restart_failed_requests are null)"
    fi

    # kill -9 of the edge under load; EdgeBench times from the kill to the first 2xx on a new connection. Before each kill
    # the warm standby `up` keeps beside the edge must be ready (a new one follows each takeover at once), then CRASH_LOAD
    # seconds of load. CRASH_WAIT=none kills without waiting for the standby (with a short CRASH_LOAD, while it warms up);
    # CRASH_WAIT=cold kills the ready standby first: the fallback to a fresh edge process.
    crash_ms=() crash_worst=null
    for ((k = 1; k <= CRASHES; k++)); do
        if [[ "$CRASH_WAIT" != none ]]; then
            for ((i = 0; i < 600; i++)); do standby_ready && break; sleep 0.1; done
            standby_ready || log "kill $k: no standby said it was ready within 60 s; killing the edge anyway"
        fi
        wrk -t"$THREADS" -c"$CONNECTIONS" -d600s "$UP_URL" >/dev/null &
        wrk_pid=$!
        sleep "$CRASH_LOAD"
        # shellcheck disable=SC2046 # pid list
        [[ "$CRASH_WAIT" != cold ]] || kill -9 $(standby_pids) 2>/dev/null || true
        ms=$("${EDGE_BENCH[@]}" recover "$(up_edge_pid)" "$UP_URL" 30 2>>"$WORK/recover.log") || ms=null
        kill -INT "$wrk_pid"
        wait "$wrk_pid" || true
        crash_ms+=("$ms")
        wait_http "$UP_URL"
    done
    # The worst kill is the figure; one that never served again makes it null.
    if ((CRASHES > 0)); then
        crash_worst=$(printf '%s\n' "${crash_ms[@]}" | awk '$1 == "null" { bad = 1 } $1 > max { max = $1 } END { print (bad ? "null" : max) }')
    fi
}

report_up() {
    printf '\ngreenlight up:\n  edge restarts: %s\n  kill -9 of the edge under load, to the first 2xx: %s ms (worst %s; target < 1000)\n\n' \
        "$restart_note" "${crash_ms[*]}" "$crash_worst"
}
