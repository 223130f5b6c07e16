# shellcheck shell=bash
# Shared by deploy/local/up and deploy/local/down: paths, process and port helpers, ordered shutdown.
# Written for bash 3.2+ (macOS's /bin/bash) as well as current Linux bash.

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT_DIR=$(cd "$LOCAL_DIR/../.." && pwd)

# Absolute form of a path (relative paths are taken from the current directory); the path need not exist.
absolute_path() {
    case $1 in
        /*) printf '%s' "$1" ;;
        *) printf '%s/%s' "$(pwd)" "$1" ;;
    esac
}

# Runtime state (pid files, logs, state.env) and data; HOSTMCP_RUN_DIR / HOSTMCP_DATA_DIR move them elsewhere, e.g.
# for a second, independent stack (the integration tests use directories under target/).
RUN_DIR=$(absolute_path "${HOSTMCP_RUN_DIR:-$LOCAL_DIR/.run}")
# shellcheck disable=SC2034 # used by up and down
LOGS_DIR=$RUN_DIR/logs
PIDS_DIR=$RUN_DIR/pids
DATA_DIR=$(absolute_path "${HOSTMCP_DATA_DIR:-$LOCAL_DIR/.data}")
STATE_FILE=$RUN_DIR/state.env
STOPPING_MARKER=$RUN_DIR/stopping

# Secrets up generates once per data directory (Keycloak's client secrets, admin and demo passwords) and the demo API
# key the seeding keeps; owner-readable only, deleted by down --purge.
SECRETS_FILE=$DATA_DIR/secrets.env
DEMO_KEY_FILE=$DATA_DIR/demo-api-key.env

# Process names (pid file / log file names), in start order within their group.
SERVICES="tenant-service billing-service sync-service audit-service mcp-gateway dashboard-api"
STAND_INS="hostaway stripe"
ALL_PROCESSES="$SERVICES $STAND_INS keycloak kafka postgres"

# Seconds to wait after SIGTERM before SIGKILL, per group.
STOP_TIMEOUT_SERVICES=${STOP_TIMEOUT_SERVICES:-30}
STOP_TIMEOUT_STAND_INS=${STOP_TIMEOUT_STAND_INS:-15}
STOP_TIMEOUT_KEYCLOAK=${STOP_TIMEOUT_KEYCLOAK:-30}
STOP_TIMEOUT_KAFKA=${STOP_TIMEOUT_KAFKA:-45}
STOP_TIMEOUT_POSTGRES=${STOP_TIMEOUT_POSTGRES:-30}

say() { printf '%s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

# Relative to the repository root when possible, for shorter messages.
rel() {
    case $1 in
        "$ROOT_DIR"/*) printf '%s' "${1#"$ROOT_DIR"/}" ;;
        *) printf '%s' "$1" ;;
    esac
}

# How to call down for this run directory (the variables are repeated when they are not the defaults).
down_command() {
    local prefix=""
    if [ -n "${HOSTMCP_RUN_DIR:-}" ]; then prefix="HOSTMCP_RUN_DIR=$RUN_DIR "; fi
    if [ -n "${HOSTMCP_DATA_DIR:-}" ]; then prefix="${prefix}HOSTMCP_DATA_DIR=$DATA_DIR "; fi
    printf '%sdeploy/local/down' "$prefix"
}

pid_file() { printf '%s/%s.pid' "$PIDS_DIR" "$1"; }

# Prints the pid recorded for a process name; fails if there is none.
read_pid() {
    local file pid
    file=$(pid_file "$1")
    [ -f "$file" ] || return 1
    pid=$(head -n 1 "$file" 2>/dev/null || true)
    case $pid in '' | *[!0-9]*) return 1 ;; esac
    printf '%s' "$pid"
}

# True if the pid is a live (not zombie) process.
is_alive() {
    local stat
    stat=$(ps -p "$1" -o stat= 2>/dev/null) || return 1
    case $stat in '' | *Z*) return 1 ;; esac
    return 0
}

# True if the pid is alive and is a JVM (guards against pid files that outlived a reboot), or Keycloak's start script
# (bin/kc.sh, the server's parent until up has recorded the server's JVM itself).
is_our_java() {
    is_alive "$1" || return 1
    case $(ps -p "$1" -o comm= 2>/dev/null) in *java* | kc.sh) return 0 ;; esac
    return 1
}

# Prints the pid of the JVM that is a direct child of the given pid, if there is one.
java_child_of() {
    ps -A -o pid= -o ppid= -o comm= 2>/dev/null | awk -v parent="$1" '$2 == parent && $3 ~ /java/ { print $1; exit }'
}

# True if something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the HTTP status of GET http://127.0.0.1:PORT/PATH, or 000 if nothing answers.
http_status() {
    local port=$1 path=$2 line=""
    if command -v curl >/dev/null 2>&1 && [ -z "${HOSTMCP_NO_CURL:-}" ]; then
        line=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port$path" 2>/dev/null) || true
        printf '%s' "${line:-000}"
        return 0
    fi
    # no curl: a plain HTTP/1.0 request over bash's /dev/tcp, reading only the status line
    line=$(
        exec 2>/dev/null
        exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
        printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
        IFS= read -r -t 5 status_line <&3 || true
        printf '%s' "${status_line:-}"
    ) || true
    # shellcheck disable=SC2086
    set -- $line
    printf '%s' "${2:-000}"
}

# Sum of the resident memory (MB) of the given pids.
rss_mb() {
    local total=0 pid kb
    for pid in "$@"; do
        kb=$(ps -p "$pid" -o rss= 2>/dev/null | tr -d ' ') || kb=""
        case $kb in '' | *[!0-9]*) ;; *) total=$((total + kb)) ;; esac
    done
    printf '%s' $((total / 1024))
}

# The live postmaster of the embedded PostgreSQL data directory, if any (it is not a child of the JVM:
# pg_ctl starts it detached, so it must be checked on its own).
embedded_postmaster_pid() {
    local file=$DATA_DIR/postgres/postmaster.pid pid
    [ -f "$file" ] || return 1
    pid=$(head -n 1 "$file" 2>/dev/null || true)
    case $pid in '' | *[!0-9]*) return 1 ;; esac
    is_alive "$pid" || return 1
    case $(ps -p "$pid" -o comm= 2>/dev/null) in *postgres* | *postmaster*) printf '%s' "$pid" ;; *) return 1 ;; esac
}

# stop_group TIMEOUT NAME...: SIGTERM to every live process of the group, wait, SIGKILL the rest after TIMEOUT s.
stop_group() {
    local timeout=$1
    shift
    local name pid entry alive="" still ticks=0
    for name in "$@"; do
        pid=$(read_pid "$name") || continue
        if is_our_java "$pid"; then
            kill -TERM "$pid" 2>/dev/null || true
            alive="$alive $name:$pid"
        else
            rm -f "$(pid_file "$name")"
        fi
    done
    [ -n "$alive" ] || return 0
    while :; do
        still=""
        for entry in $alive; do
            if is_alive "${entry#*:}"; then still="$still $entry"; fi
        done
        [ -n "$still" ] || break
        if [ "$ticks" -ge $((timeout * 5)) ]; then
            for entry in $still; do
                kill -KILL "${entry#*:}" 2>/dev/null || true
                say "  killed  ${entry%%:*} (pid ${entry#*:}): still running ${timeout}s after SIGTERM"
            done
            sleep 1
            break
        fi
        sleep 0.2
        ticks=$((ticks + 1))
    done
    for entry in $alive; do
        case " $still " in
            *" $entry "*) ;;
            *) say "  stopped ${entry%%:*} (pid ${entry#*:})" ;;
        esac
        rm -f "$(pid_file "${entry%%:*}")"
    done
}

# Stops an embedded postmaster left without its JVM (e.g. the JVM was SIGKILLed).
stop_orphan_postmaster() {
    local pid ticks=0
    pid=$(embedded_postmaster_pid) || return 0
    say "  stopping PostgreSQL server process $pid (data in $(rel "$DATA_DIR/postgres"))"
    kill -INT "$pid" 2>/dev/null || true # fast shutdown
    while is_alive "$pid"; do
        if [ "$ticks" -ge 100 ]; then
            kill -QUIT "$pid" 2>/dev/null || true # immediate shutdown
            sleep 2
            if is_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
            break
        fi
        sleep 0.2
        ticks=$((ticks + 1))
    done
}

# Stops everything recorded in the pid files: services, stand-ins, Keycloak, Kafka, then PostgreSQL.
stop_all() {
    # tells a foreground deploy/local/up that the exits to come are intended
    touch "$STOPPING_MARKER" 2>/dev/null || true
    # shellcheck disable=SC2086
    stop_group "$STOP_TIMEOUT_SERVICES" $SERVICES
    # shellcheck disable=SC2086
    stop_group "$STOP_TIMEOUT_STAND_INS" $STAND_INS
    stop_group "$STOP_TIMEOUT_KEYCLOAK" keycloak
    stop_group "$STOP_TIMEOUT_KAFKA" kafka
    stop_group "$STOP_TIMEOUT_POSTGRES" postgres
    stop_orphan_postmaster
    rm -f "$STATE_FILE" "$STOPPING_MARKER"
}

# Names of the processes whose pid files point at live JVMs.
running_processes() {
    local name pid out=""
    for name in $ALL_PROCESSES; do
        pid=$(read_pid "$name") || continue
        if is_our_java "$pid"; then out="$out $name(pid $pid)"; fi
    done
    printf '%s' "${out# }"
}
