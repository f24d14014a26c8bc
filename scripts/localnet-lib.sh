# Shell helpers the test scripts share for a localnet of their own (source it).

# free_ports START COUNT: prints the first of COUNT consecutive free loopback ports, trying
# START, START + COUNT, ... (web3.js derives the websocket from the RPC port plus one).
free_ports() {
  python3 - "$1" "$2" <<'PY'
import socket, sys
start, count = int(sys.argv[1]), int(sys.argv[2])
for port in range(start, start + 1000, count):
    sockets = [socket.socket() for _ in range(count)]
    try:
        for offset, s in enumerate(sockets):
            s.bind(("127.0.0.1", port + offset))
        print(port)
        break
    except OSError:
        continue
    finally:
        for s in sockets:
            s.close()
PY
}

# wait_ready PID READY_FILE ERR_LOG: waits up to 60 s for the localnet PID to write READY_FILE;
# fails with its stderr if it exits first, or says it did not start.
wait_ready() {
  for _ in $(seq 1 600); do
    [ -f "$2" ] && return 0
    kill -0 "$1" 2>/dev/null || { cat "$3" >&2; return 1; }
    sleep 0.1
  done
  echo "error: the localnet did not start" >&2
  return 1
}
