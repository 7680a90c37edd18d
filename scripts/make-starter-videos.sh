#!/bin/sh
# Makes the Health Centers starter videos (src/MedAtlas.Web/data/seed/health/videos/<slug>.webm, .vtt and
# -poster.png) from their sources in the same folder: <slug>.md (scenes: a picture and its narration) and
# the SVG pictures in videos/media/. Tools: ffmpeg/ffprobe (VP9 + Opus), espeak-ng (the narration voice) and
# rsvg-convert (librsvg2-bin: SVG to PNG); installed with apt-get when missing. Only a video whose inputs
# changed is rebuilt (the .vtt keeps their hash); the outputs are then checked (codecs, length, size,
# caption times). See src/MedAtlas.Web/data/seed/health/videos/README.md.
# Usage: scripts/make-starter-videos.sh [--force | --check]
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
missing=
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing="$missing ffmpeg"
command -v espeak-ng >/dev/null 2>&1 || missing="$missing espeak-ng"
command -v rsvg-convert >/dev/null 2>&1 || missing="$missing librsvg2-bin"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
  command -v apt-get >/dev/null 2>&1 || { echo "make-starter-videos: install$missing first" >&2; exit 2; }
  sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "make-starter-videos: installing$missing with apt-get"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086 # one word per package on purpose
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
exec nice -n 19 python3 "$repo/scripts/make-starter-videos.py" "$@"
