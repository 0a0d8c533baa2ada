#!/usr/bin/python3
"""Same-run throughput comparison: genrescope's inference engine vs a Python pipeline on the 70 gtzan-dev clips.

The Python pipeline does what `inference::classifyFiles` does with the broadcast network: torchaudio.load,
mono, resample to 22050 Hz, one 661,500-sample segment (zero-padded), log-mel as the bbnn-f2 recipe
(2048/1024 STFT, 128 Slaney mels to 11,025 Hz, power_to_db with top_db 80), frames x mels, the broadcast
network (tools/bench_models_pytorch.py's PyTorch version) exported as TorchScript, softmax, mean over
segments. Same thread count (torch.set_num_threads), files one after the other, as the C++ run with -j 1.

It first runs the C++ benchmark (bench_inference, GtzanDev70 rows) in the same invocation, then the Python
pipeline, and prints songs per second and the ratio of every C++ row to the Python pipeline. The C++ rows
are named GtzanDev70/jobs:J/fused:F: J files in parallel (the model's forward passes still run one at a
time), F = 1 for the load-time fused network (models/fusedbroadcast.h), 0 for the plain module.

--processes N adds a row where N Python processes (multiprocessing, spawn) each classify every N-th file
with threads / N torch threads, the Python counterpart of the C++ rows with files in parallel
(GtzanDev70/jobs:2/fused:1/concurrent:1: 2 files x 1 thread); the clock starts when every process has
loaded its model and classified one warm-up file, as the C++ fixture loads its model before timing.

--also-optimized adds a second Python row whose TorchScript module is also frozen and passed through
torch.jit.optimize_for_inference (PyTorch's own Conv-BN folding and oneDNN conversion), the strongest
stock PyTorch counterpart of the C++ fused path.

Use Debian's interpreter (python3-torch 1.13 + python3-torchaudio):
  /usr/bin/python3 tools/bench_inference_pytorch.py BUILD/bin/bench_inference [--threads 2]
"""
import argparse
import glob
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time

import torch
import torchaudio

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_models_pytorch import Broadcast  # noqa: E402

SEGMENT = 661500
RATE = 22050


def make_pipeline():
    mel = torchaudio.transforms.MelSpectrogram(sample_rate=RATE, n_fft=2048, hop_length=1024, f_max=11025.0,
                                               n_mels=128, power=2.0, norm="slaney", mel_scale="slaney")
    to_db = torchaudio.transforms.AmplitudeToDB(stype="power", top_db=80.0)

    def classify(f, model):
        wave, sr = torchaudio.load(f)
        wave = wave.mean(0)
        if sr != RATE:
            wave = torchaudio.functional.resample(wave, sr, RATE)
        n = max(1, wave.numel() // SEGMENT)
        segs = []
        for i in range(n):
            s = wave[i * SEGMENT:(i + 1) * SEGMENT]
            if s.numel() < SEGMENT:
                s = torch.nn.functional.pad(s, (0, SEGMENT - s.numel()))
            segs.append(to_db(mel(s)).T.unsqueeze(0))
        with torch.inference_mode():
            p = torch.softmax(model(torch.stack(segs)), 1)
        return int(p.mean(0).argmax())

    return classify


def worker(path, files, threads, barrier, results):
    """One process of the --processes row: load, warm up, wait for the others, classify its files."""
    torch.set_num_threads(threads)
    model = torch.jit.load(path).eval()
    classify = make_pipeline()
    classify(files[0], model)
    barrier.wait()
    for f in files:
        classify(f, model)
    results.put(len(files))


def songs_per_s_processes(path, files, threads, processes):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(processes + 1)
    results = ctx.Queue()
    per = max(1, threads // processes)
    procs = [ctx.Process(target=worker, args=(path, files[i::processes], per, barrier, results))
             for i in range(processes)]
    for p in procs:
        p.start()
    barrier.wait()
    t0 = time.perf_counter()
    done = sum(results.get() for _ in procs)
    seconds = time.perf_counter() - t0
    for p in procs:
        p.join()
    return done / seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", help="path to bench_inference")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--filter", default="GtzanDev70/", help="Google Benchmark filter of the C++ rows to run")
    ap.add_argument("--processes", type=int, default=0,
                    help="also time N Python processes with threads / N torch threads each, files split between them")
    ap.add_argument("--also-optimized", action="store_true",
                    help="also time the TorchScript module frozen + torch.jit.optimize_for_inference")
    ap.add_argument("--data", default=os.environ.get("GS_SHARED_DATA",
                                                     os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    files = sorted(glob.glob(os.path.join(args.data, "gtzan-dev", "*", "*.flac")))
    if not files:
        sys.exit("no gtzan-dev clips under " + args.data)

    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), GS_SHARED_DATA=args.data)
    out = subprocess.run([args.bench, "--benchmark_filter=" + args.filter, "--benchmark_format=json"],
                         env=env, check=True, capture_output=True, text=True).stdout
    cpp = {b["name"]: b["songs_per_s"] for b in json.loads(out)["benchmarks"] if "songs_per_s" in b}

    torch.manual_seed(1)
    net = Broadcast(4, True).eval()
    classify = make_pipeline()

    def songs_per_s(m):
        classify(files[0], m)  # warm-up, as the C++ fixture builds its model before timing
        t0 = time.perf_counter()
        for f in files:
            classify(f, m)
        return len(files) / (time.perf_counter() - t0)

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "broadcast.pt")
        torch.jit.script(net).save(path)
        model = torch.jit.load(path).eval()
        optimized = torch.jit.optimize_for_inference(torch.jit.load(path).eval()) if args.also_optimized else None
        py = songs_per_s(model)
        py_opt = songs_per_s(optimized) if optimized is not None else None
        py_proc = songs_per_s_processes(path, files, args.threads, args.processes) if args.processes > 1 else None

    print(f"| pipeline ({args.threads} torch threads in total) | songs/s | ratio to the Python TorchScript pipeline |")
    print("|---|---|---|")
    for name, v in cpp.items():
        print(f"| genrescope {name} | {v:.2f} | {v / py:.2f}x |")
    print(f"| Python torchaudio + TorchScript, files in turn | {py:.2f} | 1.00x |")
    if py_opt is not None:
        print(f"| Python torchaudio + TorchScript frozen + optimize_for_inference, files in turn | {py_opt:.2f} | "
              f"{py_opt / py:.2f}x |")
    if py_proc is not None:
        print(f"| Python torchaudio + TorchScript, {args.processes} processes x {max(1, args.threads // args.processes)} "
              f"thread(s) | {py_proc:.2f} | {py_proc / py:.2f}x |")


if __name__ == "__main__":
    main()
