#!/usr/bin/env bash
# Run a command inside a fresh network namespace that only has loopback, so the SIP lab
# (Kamailio, rtpengine, sipp, Chromium) can never send a packet off the machine, even if a
# flag (STUN server, mDNS, …) is missed. Usage: scripts/with-netns.sh CMD [ARGS...]
#
# - same environment and working directory as the caller; exit code of CMD is propagated;
# - the namespace is deleted on exit (trap), after ending the processes still inside it;
# - without root or without `ip netns`, prints a loud notice and runs CMD directly.
set -u

if [ "$#" -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

notice() {
  local why=$1
  shift
  echo "############################################################" >&2
  echo "# with-netns.sh: $why" >&2
  echo "# Running WITHOUT network isolation: $*" >&2
  echo "############################################################" >&2
}

if [ "${EUID:-$(id -u)}" != 0 ]; then
  notice "not root, cannot create a network namespace." "$@"
  exec "$@"
fi
if ! command -v ip >/dev/null 2>&1 || ! ip netns list >/dev/null 2>&1; then
  notice "'ip netns' is unavailable (install iproute2)." "$@"
  exec "$@"
fi

# Unique per invocation: PID + random + time, so parallel runs never share a namespace.
NS="permlab_$$_${RANDOM}_$(date +%s)"
if ! ip netns add "$NS"; then
  notice "'ip netns add' failed (container without CAP_SYS_ADMIN?)." "$@"
  exec "$@"
fi

cleanup() {
  # Processes still inside the namespace are ours (started by CMD); end them by PID.
  local pids
  pids="$(ip netns pids "$NS" 2>/dev/null || true)"
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    sleep 0.5
    pids="$(ip netns pids "$NS" 2>/dev/null || true)"
    # shellcheck disable=SC2086
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null || true
  fi
  ip netns delete "$NS" 2>/dev/null || true
}
trap cleanup EXIT

ip netns exec "$NS" ip link set lo up
# The kernel puts 127.0.0.1/8 and ::1 on lo when it comes up; add them if a setup does not.
ip netns exec "$NS" ip -4 addr show dev lo | grep -q '127.0.0.1' ||
  ip netns exec "$NS" ip addr add 127.0.0.1/8 dev lo
ip netns exec "$NS" ip -6 addr show dev lo 2>/dev/null | grep -q '::1' ||
  ip netns exec "$NS" ip -6 addr add ::1/128 dev lo 2>/dev/null || true

echo "with-netns.sh: running in network namespace $NS (loopback only)" >&2

# Run as a child (not exec) so the EXIT trap still deletes the namespace; forward
# INT/TERM to it so Ctrl-C and a CI timeout end CMD rather than orphaning it.
ip netns exec "$NS" "$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' INT TERM
wait "$child"
rc=$?
# wait returns early (>128) when a trapped signal arrives; wait again for the real status.
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  rc=$?
done
exit "$rc"
