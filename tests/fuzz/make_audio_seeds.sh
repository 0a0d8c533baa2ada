#!/usr/bin/env bash
# Regenerates the audio seed corpus (tests/fuzz/corpus/audio): 0.1-0.2 s of generated tones in every
# container/codec the app reads, a few KB each. Needs the ffmpeg CLI. No recorded audio is used.
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)/corpus/audio"
mkdir -p "$out"
tone="sine=frequency=440:sample_rate=8000:duration=0.15"
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }
ff -f lavfi -i "$tone" -c:a pcm_s16le "$out/tone_s16.wav"
ff -f lavfi -i "$tone" -f lavfi -i "sine=frequency=660:sample_rate=8000:duration=0.15" \
   -filter_complex amerge=inputs=2 -c:a pcm_f32le "$out/tone_f32_stereo.wav"
ff -f lavfi -i "$tone" -c:a pcm_u8 "$out/tone_u8.wav"
ff -f lavfi -i "$tone" -c:a pcm_s16be "$out/tone.au"
ff -f lavfi -i "$tone" -c:a pcm_s16be "$out/tone.aiff"
ff -f lavfi -i "$tone" -c:a flac "$out/tone.flac"
ff -f lavfi -i "sine=frequency=440:sample_rate=22050:duration=0.2" -c:a libmp3lame -b:a 32k "$out/tone.mp3"
ff -f lavfi -i "sine=frequency=440:sample_rate=22050:duration=0.2" -c:a libvorbis -q:a 0 "$out/tone.ogg"
ff -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=0.2" -c:a libopus -b:a 16k "$out/tone.opus"
ff -f lavfi -i "sine=frequency=440:sample_rate=22050:duration=0.2" -c:a aac -b:a 24k "$out/tone.m4a"
ls -l "$out"
