#!/usr/bin/env bash
# Is hiwar right in real terminal emulators? For each terminal (and tmux inside it),
# screenshot hiwar as a user runs it (terminal defaults, hiwar's automatic
# --terminal-bidi), and the same terminal with its own bidi switched off by hand
# while hiwar sends nothing (--terminal-bidi off): the two must be the same picture.
# Prints one line per case with the number of pixels that differ (ImageMagick's
# `compare -metric AE`), beside what two shots of the reference alone differ by.
#
# usage: benches/terminals.sh [CASE...]
#   CASE: xterm vte gnome-terminal konsole mlterm kitty kitty-ltr alacritty
#         tmux-xterm tmux-vte tmux-konsole tmux-mlterm tmux-kitty tmux-alacritty
#         tmux-pass-konsole tmux-pass-mlterm (tmux with allow-passthrough on)
#         (default: all of them)
# env:   HIWAR     the binary (default: target/release/hiwar, built if missing)
#        SIZES     terminal sizes (default "100x30 60x20")
#        MODES     "reader print" (default both)
#        OUT       where the screenshots go (default a new temporary directory)
#        FILE      the document to open (default: the built-in interview)
#
# Needs X (it runs Xvfb) and the terminals, so it is not part of `cargo test`:
#   apt-get install xvfb xterm xfce4-terminal gnome-terminal konsole mlterm kitty \
#     alacritty tmux xdotool imagemagick dbus-x11 fonts-dejavu-core fonts-noto-core \
#     libgl1-mesa-dri
# The screenshots come from ../shared/tools/term-shot.sh (TERM_SHOT to use another).
set -u
cd "$(dirname "$0")/.."
shot=${TERM_SHOT:-../shared/tools/term-shot.sh}
hiwar=${HIWAR:-target/release/hiwar}
[ -x "$hiwar" ] || cargo build --release --quiet || exit 1
hiwar=$(realpath "$hiwar")
sizes=${SIZES:-100x30 60x20}
modes=${MODES:-reader print}
out=${OUT:-$(mktemp -d)}
file=${FILE:+$(realpath "$FILE")}
mkdir -p "$out"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(xterm vte gnome-terminal konsole mlterm kitty kitty-ltr alacritty
  tmux-xterm tmux-vte tmux-konsole tmux-mlterm tmux-kitty tmux-alacritty
  tmux-pass-konsole tmux-pass-mlterm)

# tmux with no status line (it shows a clock) and its own socket per shot.
tmux_plain=$out/tmux.conf tmux_pass=$out/tmux-pass.conf
echo 'set -g status off' >"$tmux_plain"
printf 'set -g status off\nset -g allow-passthrough on\n' >"$tmux_pass"
kitty_ltr=$out/kitty-ltr
mkdir -p "$kitty_ltr"
echo 'force_ltr yes' >"$kitty_ltr/kitty.conf"

# The command a case runs: hiwar as a reader (keys follow) or printing, with extra
# arguments, inside tmux when the case says so.
command_for() {  # MODE BINARY ARGS TMUX [FILTER]
  local mode=$1 binary=$2 args=$3 in_tmux=$4 filter=${5:-} run
  case $mode in
    # --no-resume: every shot opens at the top, whatever an earlier one left.
    reader) run="timeout --foreground 40 $binary --no-resume $args" ;;
    print) run="$binary --print $args $filter; sleep 40" ;;
  esac
  if [ "$in_tmux" = yes ]; then
    # As a user starts hiwar in tmux: with the client attached (tmux passes a
    # sequence through only to an attached client).
    echo "tmux -L hiwar-shot-$$ -f $tmux_conf new-session 'sleep 1; $run'"
  else
    echo "$run"
  fi
}

# One screenshot: TERMINAL FILE SIZE MODE COMMAND [TERM_SHOT_ARGS]
take() {
  local terminal=$1 file=$2 size=$3 mode=$4 command=$5 args=${6:-} wait=4 keys=()
  case $terminal in vte|gnome-terminal|konsole) wait=6 ;; esac
  [ "$mode" = reader ] && keys=(j j)
  TERM_SHOT_ARGS=$args "$shot" "$terminal" "$file" "${size%x*}" "${size#*x}" "$command" \
    "$wait" "${keys[@]}" >/dev/null 2>"$file.log"
  # tmux servers started by the shot end here.
  tmux -L "hiwar-shot-$$" kill-server 2>/dev/null
  [ -s "$file" ]
}

differing() {  # A.png B.png: pixels that differ
  compare -metric AE "$1" "$2" null: 2>&1 | cut -d' ' -f1
}

printf '%-16s %-7s %-7s %10s  %s\n' case mode size 'px differ' verdict
for case in "${cases[@]}"; do
  terminal=${case#tmux-} tmux_conf=$tmux_plain
  case $terminal in pass-*) terminal=${terminal#pass-} tmux_conf=$tmux_pass ;; esac
  in_tmux=no; [ "$case" != "$terminal" ] && in_tmux=yes
  # How the terminal's own bidi is switched off by hand, for the reference.
  off_args='' off_prefix='' test_args='' test_env=''
  case $terminal in
    vte|gnome-terminal) off_prefix="printf '\\e[8l'; " ;;
    konsole) off_args='-p BidiRenderingEnabled=false' ;;
    mlterm) off_args='--ctl=false' ;;
    kitty) off_args='-o force_ltr=yes' ;;
    kitty-ltr) terminal=kitty off_args='-o force_ltr=yes' test_args='-o force_ltr=yes'
               test_env="KITTY_CONFIG_DIRECTORY=$kitty_ltr " ;;
  esac
  for size in $sizes; do
    for mode in $modes; do
      base=$out/$case-$mode-$size
      # Printed text where marks cannot open a line (Konsole, and tmux in front of
      # VTE, Konsole or mlterm) gets a blank first column and is laid out narrower by
      # it; mlterm counts its marks as two columns when it wraps. The reference is
      # the same text, sent plainly.
      cols=${size%x*} taken=0 filter=''
      if [ "$mode" = print ]; then
        case $case in konsole|tmux-*vte|tmux-*konsole|tmux-*mlterm)
          taken=1 filter='| sed "s/^/ /"' ;; esac
        case $terminal in mlterm) taken=$((taken + 2)) ;; esac
      fi
      test_cmd="$test_env$(command_for "$mode" "$hiwar" "$file" "$in_tmux")"
      ref_args="$file --terminal-bidi off"
      [ "$taken" -gt 0 ] && ref_args="$ref_args --width $((cols - taken))"
      ref_cmd="$off_prefix$(command_for "$mode" "$hiwar" "$ref_args" "$in_tmux" "$filter")"
      # The reference twice: what two shots of the same screen differ by (a terminal
      # may render a glyph's edge a pixel differently from one start to the next).
      # A case that differs by more is shot once more, in case a window of another
      # program came in the way.
      px='' noise=''
      for try in 1 2; do
        if ! take "$terminal" "$base.png" "$size" "$mode" "$test_cmd" "$test_args" ||
           ! take "$terminal" "$base-ref.png" "$size" "$mode" "$ref_cmd" "$off_args" ||
           ! take "$terminal" "$base-ref2.png" "$size" "$mode" "$ref_cmd" "$off_args"; then
          continue
        fi
        px=$(differing "$base.png" "$base-ref.png")
        noise=$(differing "$base-ref.png" "$base-ref2.png")
        [ "$px" -le "$noise" ] && break
      done
      if [ -z "$px" ]; then
        printf '%-16s %-7s %-7s %10s  %s\n' "$case" "$mode" "$size" - "no screenshot ($base.png.log)"
        continue
      fi
      if [ "$px" -le "$noise" ]; then
        verdict="same (two shots of the reference differ by $noise px)"
      else
        verdict="differs (see $base.png; two shots of the reference differ by $noise px)"
      fi
      printf '%-16s %-7s %-7s %10s  %s\n' "$case" "$mode" "$size" "$px" "$verdict"
    done
  done
done
echo "screenshots: $out"
