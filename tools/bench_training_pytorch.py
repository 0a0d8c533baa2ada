#!/usr/bin/python3
"""Same-run training-speed comparison: one epoch in genrescope (C++, training::train) vs the same epoch in PyTorch.

Runs the C++ benchmark program (benchmarks/training/bench_training, Google Benchmark) one row at a time,
interleaved with the PyTorch epoch of the same model, so both sides see the same machine load. One epoch on
both sides = what `genrescope-cli train` does for one epoch without validation:
  per-band mean/std of the training items (per mel band; MLFI's statistics per feature), the model built
  (torch.manual_seed) and Adam (lr 1e-3) created, a shuffled pass over the items in batches (gathered by
  index, standardised, forward, cross-entropy, backward, step, loss.item() for the running loss).
Items are random values of the registry input shape (broadcast: 1x646x128, 4 batches of 8; MLFI:
1x128x130 plus 55 statistics, 10 batches of 16), the same count on both sides. Models: the broadcast
network (tools/bench_models_pytorch.py's Broadcast, 178,154 parameters) and the MLFI benchmark
(MODELS.md section 5, 926,794 parameters, written below); parameter counts are checked.

Prints a Markdown table with the ratio app / PyTorch (<= 1.0: the app trains no slower).

Use Debian's interpreter (python3-torch 1.13):
  /usr/bin/python3 tools/bench_training_pytorch.py BUILD/bin/bench_training [--threads 2] [--repeats 3]
"""
import argparse
import json
import os
import subprocess
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_models_pytorch import Broadcast, keras_bn  # noqa: E402


class Mlfi(nn.Module):
    """MLFI benchmark mode [recon]: VFE (4 conv blocks + 2 GRUs) on the segment, AFE (5 dense) on the 55 statistics."""

    def __init__(self, classes=10):
        super().__init__()
        self.convs = nn.ModuleList()
        self.bns = nn.ModuleList()
        cin = 1
        for w in (32, 64, 64, 128):
            self.convs.append(nn.Conv2d(cin, w, 3, padding=1))
            self.bns.append(keras_bn(w))
            cin = w
        self.gru1 = nn.GRU(16, 64, batch_first=True)
        self.gru2 = nn.GRU(64, 64, batch_first=True)
        widths = (1024, 512, 256, 128, 64)
        layers, cin = [], 55
        for w in widths:
            layers.append(nn.Linear(cin, w))
            cin = w
        self.afe = nn.ModuleList(layers)
        self.head = nn.Linear(64 + 64, classes)

    def forward(self, x, aux):
        h = x
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns)):
            h = F.relu(bn(conv(h)))
            h = F.max_pool2d(h, 2) if i == 0 else F.max_pool2d(h, 4) if i == 3 else F.avg_pool2d(h, 4)
            h = F.dropout(h, 0.1, self.training)
        seq = h.flatten(1).reshape(x.shape[0], 8, 16)
        seq = self.gru1(seq)[0]
        seq = self.gru2(seq)[0]
        b = seq[:, -1]
        a = aux
        for layer in self.afe:
            a = F.relu(layer(a))
        return self.head(torch.cat([b, a], 1))


class BroadcastTwoArgs(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = Broadcast(4, True)

    def forward(self, x, aux=None):
        return self.net(x)


# name: (constructor, item shape, aux size, parameters, batch, batches)
MODELS = {
    "broadcast": (BroadcastTwoArgs, (1, 646, 128), 0, 178154, 8, 4),
    "mlfi": (Mlfi, (1, 128, 130), 55, 926794, 16, 10),
}


def band_stats(x, axis):
    """Per-band mean and std over every other axis (the trainer's computeNormalization, in float64)."""
    moved = x.movedim(axis + 1, 1).reshape(x.shape[0], x.shape[axis + 1], -1).double()
    mean = moved.mean((0, 2))
    std = ((moved - mean.view(1, -1, 1)) ** 2).mean((0, 2)).sqrt()
    std = torch.where(std > 1e-6, std, torch.ones_like(std))
    return mean.float(), std.float()


def apply_norm(x, axis, mean, std):
    shape = [1] * x.dim()
    shape[axis + 1] = -1
    return (x - mean.view(shape)) / std.view(shape)


def pytorch_epoch(name, x, aux, y):
    make, shape, aux_size, expected, batch, batches = MODELS[name]
    # The band axis the app uses: mel = axis 2 of [1, 646, 128] (frames x mels), axis 1 of [1, 128, 130].
    axis = 2 if name == "broadcast" else 1
    start = time.perf_counter()
    mean, std = band_stats(x, axis)
    if aux is not None:
        amean, astd = band_stats(aux, 0)
    torch.manual_seed(1)
    net = make()
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)
    if params != expected:
        sys.exit(f"{name}: the PyTorch version has {params} parameters, expected {expected}")
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    net.train()
    order = torch.randperm(x.shape[0])
    loss_sum = 0.0
    for b in range(batches):
        idx = order[b * batch:(b + 1) * batch]
        xb = apply_norm(x.index_select(0, idx), axis, mean, std)
        ab = apply_norm(aux.index_select(0, idx), 0, amean, astd) if aux is not None else None
        yb = y.index_select(0, idx)
        opt.zero_grad()
        logits = net(xb, ab)
        loss = F.cross_entropy(logits, yb)
        loss.backward()
        opt.step()
        loss_sum += loss.item() * len(idx)
    return (time.perf_counter() - start) * 1e3


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", help="path to the bench_training program")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3, help="epochs per side and model (the median is reported)")
    ap.add_argument("--models", nargs="+", default=list(MODELS), choices=list(MODELS))
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    env = dict(os.environ, GS_BENCH_THREADS=str(args.threads), OMP_NUM_THREADS=str(args.threads))

    def time_cpp(name):
        out = subprocess.run([args.bench, "--benchmark_format=json", "--benchmark_repetitions=1",
                              f"--benchmark_filter=^Epoch/{name}/", "--benchmark_min_time=0"],
                             env=env, check=True, capture_output=True, text=True)
        runs = json.loads(out.stdout)["benchmarks"]
        if not runs:
            sys.exit(f"bench_training has no row Epoch/{name}/")
        if runs[0].get("error_occurred"):
            sys.exit(f"bench_training Epoch/{name}: {runs[0].get('error_message')}")
        return runs[0]["real_time"]

    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads; median of {args.repeats} epochs per side")
    print()
    print("| model | batch x batches | app (C++) ms/epoch | PyTorch ms/epoch | ratio app/PyTorch |")
    print("|---|---:|---:|---:|---:|")
    for name in args.models:
        make, shape, aux_size, expected, batch, batches = MODELS[name]
        n = batch * batches
        g = torch.Generator().manual_seed(1)
        x = torch.randn(n, *shape, generator=g) * 15 - 30
        aux = torch.randn(n, aux_size, generator=g) * 15 - 30 if aux_size else None
        y = torch.arange(n) % 10
        cpp, py = [], []
        for _ in range(args.repeats):
            cpp.append(time_cpp(name))
            py.append(pytorch_epoch(name, x, aux, y))
        cpp.sort()
        py.sort()
        c, p = cpp[len(cpp) // 2], py[len(py) // 2]
        print(f"| {name} | {batch} x {batches} | {c:.0f} ({', '.join(f'{v:.0f}' for v in cpp)}) | "
              f"{p:.0f} ({', '.join(f'{v:.0f}' for v in py)}) | {c / p:.2f} |", flush=True)


if __name__ == "__main__":
    main()
