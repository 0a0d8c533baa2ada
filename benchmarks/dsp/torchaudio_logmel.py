#!/usr/bin/python3
"""Times torchaudio MelSpectrogram + AmplitudeToDB (the log-mel of bench_dsp_logmel) on one thread.

    /usr/bin/python3 benchmarks/dsp/torchaudio_logmel.py SAMPLES.npy [REPEATS]

Prints "min_ms median_ms" of REPEATS calls after two warm-up calls, in process CPU time (one thread, so
this is the compute time even on a busy machine, comparable with Google Benchmark's CPU column). bench_dsp_logmel runs it itself with
LD_LIBRARY_PATH pointing at the reference BLAS or at OpenBLAS (Debian's two libblas.so.3).
"""
import sys
import time

import numpy as np
import torch
import torchaudio

torch.set_num_threads(1)
x = torch.from_numpy(np.load(sys.argv[1]).astype(np.float32))
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 20
mel = torchaudio.transforms.MelSpectrogram(sample_rate=22050, n_fft=2048, hop_length=512, n_mels=128, norm="slaney",
                                           mel_scale="slaney")
to_db = torchaudio.transforms.AmplitudeToDB(stype="power", top_db=80.0)
with torch.inference_mode():
    for _ in range(2):
        to_db(mel(x))
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        to_db(mel(x))
        times.append((time.process_time() - t0) * 1000.0)
print(f"{min(times):.4f} {float(np.median(times)):.4f}")
