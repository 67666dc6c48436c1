#!/usr/bin/env bash
# An sshd on the loopback address only, for the terminals bench's ssh cases: a terminal
# runs `ssh -t -p PORT root@127.0.0.1 CMD`, as a user logs in to another machine, and
# hiwar then sees what ssh passes on (TERM and the locale; no VTE_VERSION,
# KONSOLE_VERSION, MLTERM or KITTY_WINDOW_ID).
#
# usage: benches/sshd-loopback.sh [start|stop|status]   (root; default start)
# env:   SSHD_PORT  the port (default 2222)
#        SSHD_DIR   its host key, config, pid file and log (default /tmp/hiwar-sshd)
#
# It listens on 127.0.0.1 only and takes key authentication only (no passwords): a
# key made for it, ~/.ssh/hiwar-loopback, is root's authorized key, and ~/.ssh/config
# gets a block for 127.0.0.1 naming that key (and no host key check: the host key is
# new each time SSHD_DIR is), so `ssh -p 2222 root@127.0.0.1 CMD` works from any
# terminal. AcceptEnv is LANG LC_* as in Debian's default sshd_config, so the
# environment through it is a user's. Needs openssh-server (apt-get install -y
# openssh-server); it is not part of `cargo test`.
set -eu
port=${SSHD_PORT:-2222}
dir=${SSHD_DIR:-/tmp/hiwar-sshd}
key=$HOME/.ssh/hiwar-loopback

running() { [ -s "$dir/sshd.pid" ] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null; }

case ${1:-start} in
  stop)
    if running; then kill "$(cat "$dir/sshd.pid")"; echo "sshd on 127.0.0.1:$port stopped"; fi
    exit 0 ;;
  status)
    if running; then echo "sshd on 127.0.0.1:$port running (pid $(cat "$dir/sshd.pid"))"; exit 0; fi
    echo "sshd on 127.0.0.1:$port not running"; exit 1 ;;
  start) ;;
  *) echo "usage: $0 [start|stop|status]" >&2; exit 2 ;;
esac

command -v sshd >/dev/null || [ -x /usr/sbin/sshd ] || {
  echo "sshd-loopback: sshd not found (apt-get install -y openssh-server)" >&2; exit 1; }
if running; then echo "sshd on 127.0.0.1:$port already running"; exit 0; fi

mkdir -p "$dir" "$HOME/.ssh" /run/sshd
chmod 700 "$HOME/.ssh"
[ -f "$dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
[ -f "$key" ] || ssh-keygen -q -t ed25519 -N '' -C hiwar-loopback -f "$key"
touch "$HOME/.ssh/authorized_keys"
chmod 600 "$HOME/.ssh/authorized_keys"
grep -qF "$(cut -d' ' -f2 "$key.pub")" "$HOME/.ssh/authorized_keys" ||
  cat "$key.pub" >>"$HOME/.ssh/authorized_keys"
if ! grep -q '^# hiwar-loopback' "$HOME/.ssh/config" 2>/dev/null; then
  cat >>"$HOME/.ssh/config" <<EOF
# hiwar-loopback (benches/sshd-loopback.sh): the bench's sshd on the loopback address
Host 127.0.0.1
  IdentityFile $key
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
EOF
  chmod 600 "$HOME/.ssh/config"
fi
cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM yes
AuthorizedKeysFile .ssh/authorized_keys
AcceptEnv LANG LC_*
PrintMotd no
X11Forwarding no
Subsystem sftp internal-sftp
EOF
"$(command -v sshd || echo /usr/sbin/sshd)" -f "$dir/sshd_config" -E "$dir/sshd.log"
for _ in $(seq 20); do running && break; sleep 0.2; done
# The check a terminal's case depends on: a command through it, with a terminal.
if ssh -p "$port" -o BatchMode=yes root@127.0.0.1 true; then
  echo "sshd on 127.0.0.1:$port running (pid $(cat "$dir/sshd.pid")); ssh -p $port root@127.0.0.1 CMD"
else
  echo "sshd-loopback: sshd started but ssh -p $port root@127.0.0.1 fails (see $dir/sshd.log)" >&2
  exit 1
fi
