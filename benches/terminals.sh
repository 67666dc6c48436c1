#!/usr/bin/env bash
# Is hiwar right in real terminal emulators? For each terminal (and tmux, screen, ssh or
# a cleared environment between it and hiwar), screenshot hiwar as a user runs it
# (terminal defaults, hiwar's automatic --terminal-bidi), and the same terminal with its
# own bidi switched off by hand while hiwar sends nothing (--terminal-bidi off): the two
# must be the same picture. Prints one line per case with the number of pixels that
# differ (ImageMagick's `compare -metric AE`), beside what two shots of the reference
# alone differ by.
#
# usage: benches/terminals.sh [CASE...]
#   CASE: [trixie-][WAY-]TERMINAL
#     TERMINAL: xterm vte gnome-terminal konsole mlterm kitty kitty-ltr alacritty
#               qterminal terminology yakuake
#     WAY (what stands between the terminal and hiwar):
#       tmux-       tmux with its defaults (status line off: it shows a clock)
#       tmux-pass-  the same with allow-passthrough on
#       screen-     GNU screen (startup message off)
#       ssh-        ssh -t to 127.0.0.1 (benches/sshd-loopback.sh; started when needed)
#       envi-       hiwar under `env -i` (an empty environment, as cron or a bare sudo)
#     trixie-: the terminal (and tmux) of Debian 13, from the chroot that
#       benches/chroot-trixie.sh makes (TRIXIE, default /srv/trixie; mounted when needed)
#   Default: the cases of docs/terminals.md's matrix, old and new (the list below).
# env:   HIWAR     the binary (default: target/release/hiwar, built if missing)
#        SIZES     terminal sizes (default "100x30 60x20")
#        MODES     "reader print" (default both)
#        OUT       where the screenshots go (default a new directory under /tmp; it must
#                  be under /tmp for the trixie cases: the binary is copied there)
#        FILE      the document to open (default: the built-in interview)
#        TERM_SHOT_DISPLAY  the X display (default :99, term-shot's)
#        DISPLAYS  several X displays (":111 :112 :113"): the cases run side by side, one
#                  run per display (the whole matrix takes over an hour on one)
#        MARGIN_<case> (dashes as underscores) the blank columns the right plan leaves
#                  before printed lines there, when it is not the default below (0 or 1;
#                  mlterm's two columns for its marks are counted besides)
#
# Needs X (it runs Xvfb) and the terminals, so it is not part of `cargo test`:
#   apt-get install xvfb xterm xfce4-terminal gnome-terminal konsole mlterm kitty \
#     alacritty tmux screen qterminal terminology yakuake twm xdotool imagemagick \
#     dbus-x11 openssh-server fonts-dejavu-core fonts-noto-core libgl1-mesa-dri
# The screenshots come from ../shared/tools/term-shot.sh (TERM_SHOT to use another).
set -u
cd "$(dirname "$0")/.."
benches=$PWD/benches
# term-shot.sh from shared/ beside the repo (or beside a folder of worktrees).
shot=${TERM_SHOT:-}
for d in .. ../.. ../../..; do
  [ -n "$shot" ] || [ ! -x "$d/shared/tools/term-shot.sh" ] || shot=$(realpath "$d/shared/tools/term-shot.sh")
done
[ -n "$shot" ] || { echo "terminals.sh: no ../shared/tools/term-shot.sh (set TERM_SHOT)" >&2; exit 1; }
hiwar=${HIWAR:-target/release/hiwar}
[ -x "$hiwar" ] || cargo build --release --quiet || exit 1
hiwar=$(realpath "$hiwar")
sizes=${SIZES:-100x30 60x20}
modes=${MODES:-reader print}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
out=$(realpath "$out")
file=${FILE:+$(realpath "$FILE")}
trixie=${TRIXIE:-/srv/trixie}
ssh_port=${SSHD_PORT:-2222}
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(xterm vte gnome-terminal konsole mlterm kitty kitty-ltr alacritty
  tmux-xterm tmux-vte tmux-konsole tmux-mlterm tmux-kitty tmux-alacritty
  tmux-pass-konsole tmux-pass-mlterm
  ssh-vte ssh-konsole ssh-mlterm envi-vte envi-konsole envi-mlterm
  screen-vte screen-konsole screen-xterm qterminal terminology yakuake
  trixie-vte trixie-konsole trixie-kitty trixie-kitty-ltr trixie-alacritty
  trixie-tmux-vte trixie-tmux-konsole)

# tmux with no status line (it shows a clock) and its own socket per shot; screen with
# no startup message; kitty with force_ltr.
tmux_plain=$out/tmux.conf tmux_pass=$out/tmux-pass.conf screenrc=$out/screenrc
echo 'set -g status off' >"$tmux_plain"
printf 'set -g status off\nset -g allow-passthrough on\n' >"$tmux_pass"
echo 'startup_message off' >"$screenrc"
kitty_ltr=$out/kitty-ltr
mkdir -p "$kitty_ltr"
echo 'force_ltr yes' >"$kitty_ltr/kitty.conf"
socket=hiwar-shot-$$

# The command a case runs: hiwar as a reader (keys follow) or printing, with extra
# arguments, behind the case's WAY.
command_for() {  # MODE BINARY ARGS WAY [FILTER [BEFORE]]
  local mode=$1 binary=$2 args=$3 way=$4 filter=${5:-} before=${6:-} run
  [ "$way" = envi ] && binary="env -i $binary"
  case $mode in
    # --no-resume: every shot opens at the top, whatever an earlier one left.
    reader) run="$before timeout --foreground 40 $binary --no-resume $args" ;;
    print) run="$before $binary --print $args $filter; sleep 40" ;;
  esac
  case $way in
    # As a user starts hiwar in tmux: with the client attached (tmux passes a
    # sequence through only to an attached client).
    tmux|tmux-pass) echo "tmux -L $socket -f $tmux_conf new-session 'sleep 1; $run'" ;;
    screen) echo "screen -S $socket -c $screenrc bash -c $(printf %q "sleep 1; $run")" ;;
    # The remote shell gets the command as one word; -t gives it a terminal.
    ssh) echo "ssh -t -p $ssh_port root@127.0.0.1 $(printf %q "$run")" ;;
    *) echo "$run" ;;
  esac
}

# One screenshot: TERMINAL FILE SIZE MODE COMMAND ARGS SHOT_ENV
take() {
  local terminal=$1 file=$2 size=$3 mode=$4 command=$5 args=$6 shot_env=$7 wait=4 keys=()
  case $terminal in vte|gnome-terminal|konsole|yakuake|qterminal|terminology) wait=6 ;; esac
  [ "$mode" = reader ] && keys=(j j)
  local shot_ok=0
  # yakuake's window is a share of the screen (1600x1000): about COLS x ROWS cells.
  [ "$terminal" = yakuake ] && shot_env="$shot_env TERM_SHOT_YAK_W=$(( ${size%x*} * 58 / 100 ))"
  [ "$terminal" = yakuake ] && shot_env="$shot_env TERM_SHOT_YAK_H=$(( ${size#*x} * 2 ))"
  env $shot_env TERM_SHOT_ARGS="$args" ${chroot:+TERM_SHOT_CHROOT=$chroot} \
    "$shot" "$terminal" "$file" "${size%x*}" "${size#*x}" "$command" \
    "$wait" "${keys[@]}" >/dev/null 2>"$file.log" || shot_ok=1
  # tmux and screen servers started by the shot end here.
  tmux -L "$socket" kill-server 2>/dev/null
  [ -n "$chroot" ] && chroot "$chroot" tmux -L "$socket" kill-server 2>/dev/null
  screen -S "$socket" -X quit >/dev/null 2>&1
  # term-shot fails when it found no window of the terminal (its PNG, if any, is the
  # screen's corner).
  [ "$shot_ok" = 0 ] && [ -s "$file" ]
}

differing() {  # A.png B.png: pixels that differ
  compare -metric AE "$1" "$2" null: 2>&1 | cut -d' ' -f1
}

# Each case's figure per mode and size, for the table at the end (and in figures.tsv).
declare -A cell
record() {  # CASE MODE SIZE FIGURE
  cell[$1:$2:$3]=$4
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$out/figures.tsv"
}
# The figures as a Markdown table, one row per case.
print_table() {
  local header='| case |' rule='|---|' label row case mode size
  echo
  for mode in $modes; do for size in $sizes; do
    label=$mode; [ "$mode" = print ] && label='`--print`'
    header+=" $label ${size/x/×} |" rule+='---|'
  done; done
  echo "$header"; echo "$rule"
  for case in "${cases[@]}"; do
    row="| $case |"
    for mode in $modes; do for size in $sizes; do row+=" ${cell[$case:$mode:$size]:-—} |"; done; done
    echo "$row"
  done
}

# DISPLAYS=":111 :112 ...": the cases dealt out in turn to one run per display, side by
# side; their lines follow each other at the end, then one table of them all.
read -r -a displays <<<"${DISPLAYS:-}"
[ ${#displays[@]} = 1 ] && export TERM_SHOT_DISPLAY=${displays[0]}
if [ ${#displays[@]} -gt 1 ]; then
  # What runs share is set up once, before they start.
  for case in "${cases[@]}"; do
    case $case in trixie-*) "$benches/chroot-trixie.sh" mount ;; esac
    case $case in *ssh-*) "$benches/sshd-loopback.sh" status >/dev/null ||
                          "$benches/sshd-loopback.sh" start >&2 ;; esac
  done
  pids=()
  for i in "${!displays[@]}"; do
    group=()
    for j in "${!cases[@]}"; do
      [ $((j % ${#displays[@]})) = "$i" ] && group+=("${cases[$j]}")
    done
    [ ${#group[@]} -gt 0 ] || continue
    DISPLAYS='' TERM_SHOT_DISPLAY=${displays[$i]} OUT=$out/run$i HIWAR=$hiwar \
      "$benches/$(basename "$0")" "${group[@]}" >"$out/run$i.txt" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
  printf '%-20s %-7s %-7s %10s  %s\n' case mode size 'px differ' verdict
  cat "$out"/run*.txt | grep -v '^case \|^screenshots: \|^|\|^$'
  while IFS=$'\t' read -r c m z f; do cell[$c:$m:$z]=$f; done < <(cat "$out"/run*/figures.tsv)
  print_table
  echo "screenshots: $out/run*"
  exit 0
fi
printf '%-20s %-7s %-7s %10s  %s\n' case mode size 'px differ' verdict
for case in "${cases[@]}"; do
  terminal=$case chroot='' way='' tmux_conf=$tmux_plain
  if [ "${terminal#trixie-}" != "$terminal" ]; then
    terminal=${terminal#trixie-} chroot=$trixie
    [ -x "$chroot/usr/bin/apt-get" ] || {
      echo "$case: no Debian 13 in $chroot (benches/chroot-trixie.sh)" >&2; continue; }
    "$benches/chroot-trixie.sh" mount
  fi
  for w in tmux-pass tmux screen ssh envi; do
    if [ "${terminal#"$w"-}" != "$terminal" ]; then terminal=${terminal#"$w"-} way=$w; break; fi
  done
  [ "$way" = tmux-pass ] && tmux_conf=$tmux_pass
  if [ "$way" = ssh ]; then
    "$benches/sshd-loopback.sh" status >/dev/null || "$benches/sshd-loopback.sh" start >&2 || continue
  fi
  binary=$hiwar
  if [ -n "$chroot" ]; then
    # The chroot shares /tmp only: the binary (and the file) go there.
    case $out in /tmp/*) ;; *) echo "$case: OUT must be under /tmp" >&2; continue ;; esac
    cp "$hiwar" "$out/hiwar" && binary=$out/hiwar
  fi
  # How the terminal's own bidi is switched off by hand, for the reference.
  off_args='' off_prefix='' off_inner='' off_env='' test_args='' test_env=''
  case $way:$terminal in
    # screen's own start and redraws would drop a mode set before it; it passes a
    # DCS string's content to the terminal as it is, so VTE gets CSI 8 l from inside.
    screen:vte|screen:gnome-terminal) off_inner="printf '\\eP\\e[8l\\e\\\\';" ;;
  esac
  case $terminal in
    vte|gnome-terminal) [ -n "$off_inner" ] || off_prefix="printf '\\e[8l'; " ;;
    konsole) off_args='-p BidiRenderingEnabled=false' ;;
    mlterm) off_args='--ctl=false' ;;
    kitty) off_args='-o force_ltr=yes' ;;
    kitty-ltr) terminal=kitty off_args='-o force_ltr=yes' test_args='-o force_ltr=yes'
               test_env="KITTY_CONFIG_DIRECTORY=$kitty_ltr " ;;
    qterminal|yakuake) off_env='TERM_SHOT_BIDI=off' ;;
    terminology)
      # EFL's first-run scale dialog would cover the window: a config stops it.
      [ -s "$HOME/.elementary/config/standard/base.cfg" ] ||
        { mkdir -p "$HOME/.elementary/config/standard" &&
          cp /usr/share/elementary/config/standard/base.cfg "$HOME/.elementary/config/standard/"; } ;;
    # terminology does no bidi: its reference is hiwar sending nothing, and the
    # shots must be looked at (a haraka in a cell of its own shifts the row there).
  esac
  for size in $sizes; do
    for mode in $modes; do
      base=$out/$case-$mode-$size
      # Printed text where marks cannot open a line (Konsole, and screen or tmux in
      # front of VTE, Konsole or mlterm) gets a blank first column and is laid out
      # narrower by it; mlterm counts its marks as two columns when it wraps. The
      # reference is the same text, sent plainly.
      cols=${size%x*} blank=0 taken=0 filter=''
      if [ "$mode" = print ]; then
        case $terminal in konsole|yakuake) blank=1 ;; esac
        case $way:$terminal in tmux*:vte|tmux*:mlterm|screen:vte|screen:mlterm) blank=1 ;; esac
        margin=MARGIN_${case//-/_}
        blank=${!margin:-$blank}
        [ "$blank" -gt 0 ] && filter="| sed \"s/^/$(printf "%${blank}s")/\""
        taken=$blank
        case $terminal in mlterm) taken=$((taken + 2)) ;; esac
      fi
      test_cmd="$test_env$(command_for "$mode" "$binary" "$file" "$way")"
      ref_args="$file --terminal-bidi off"
      # The width from the terminal itself (yakuake's window is sized in percent of the
      # screen, not in cells).
      [ "$taken" -gt 0 ] && ref_args="$ref_args --width \$((\$(tput cols) - $taken))"
      ref_cmd="$off_prefix$(command_for "$mode" "$binary" "$ref_args" "$way" "$filter" "$off_inner")"
      # The reference twice: what two shots of the same screen differ by (a terminal
      # may render a glyph's edge a pixel differently from one start to the next).
      # A case that differs by more is shot once more, in case a window of another
      # program came in the way.
      # A case with no pixel apart needs no second reference (its noise is then 0 as
      # far as the figure goes): a third fewer shots where hiwar is right.
      px='' noise=''
      for try in 1 2; do
        if ! take "$terminal" "$base.png" "$size" "$mode" "$test_cmd" "$test_args" '' ||
           ! take "$terminal" "$base-ref.png" "$size" "$mode" "$ref_cmd" "$off_args" "$off_env"; then
          continue
        fi
        px=$(differing "$base.png" "$base-ref.png")
        noise=0
        [ "$px" = 0 ] && break
        take "$terminal" "$base-ref2.png" "$size" "$mode" "$ref_cmd" "$off_args" "$off_env" || continue
        noise=$(differing "$base-ref.png" "$base-ref2.png")
        # Two references a thousand pixels apart: one of them is not the screen (a key
        # typed before the reader was up, a redraw not yet done): shot again.
        [ "$px" -le "$noise" ] && [ "$noise" -lt 1000 ] && break
      done
      if [ -z "$px" ]; then
        printf '%-20s %-7s %-7s %10s  %s\n' "$case" "$mode" "$size" - "no screenshot ($base.png.log)"
        record "$case" "$mode" "$size" 'no shot'
        continue
      fi
      if [ "$px" -le "$noise" ]; then
        verdict="same (two shots of the reference differ by $noise px)"
      else
        verdict="differs (see $base.png; two shots of the reference differ by $noise px)"
      fi
      printf '%-20s %-7s %-7s %10s  %s\n' "$case" "$mode" "$size" "$px" "$verdict"
      # As docs/terminals.md gives them: the figure, the reference's noise when not 0.
      figure=$px
      [ "$noise" -gt 0 ] && figure+=" ($noise)"
      [ "$px" -le "$noise" ] && figure+=' same'
      record "$case" "$mode" "$size" "$figure"
    done
  done
done
print_table
echo "screenshots: $out"
