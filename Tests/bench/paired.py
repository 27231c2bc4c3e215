#!/usr/bin/env python3
"""Paired, interleaved timing of whole commands: the ratio a noisy, shared machine can still give.

    paired.py ROUNDS [--pause SECONDS] CMD ... ;; CMD ... [;; CMD ...]

Each round runs every command once, in a new random order, with its output sent to /dev/null; the
figures are medians over the rounds (wall time, user and system time and page faults from wait4),
and each command's median wall time is also given as a ratio to the last command's (the peer).
Hyperfine runs one command's runs back to back, then the next's, so a machine whose speed drifts
(this one's changed by half within an hour) moves one side of a ratio and not the other.

--pause SECONDS waits between runs. On this virtual machine free 2 MiB blocks are handed back to
the host a few seconds after they are freed: a change to memory layout (huge pages, a bigger
heap step) can look better back to back than it is for someone who runs the tool now and then,
so measure such a change with a pause too (see README, "How a large model stays small and fast").
"""
import os
import random
import statistics
import sys
import time


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    rounds = int(argv[1])
    rest = argv[2:]
    pause = 0.0
    if rest[:1] == ["--pause"]:
        pause = float(rest[1])
        rest = rest[2:]
    commands, current = [], []
    for word in rest:
        if word == ";;":
            commands.append(current)
            current = []
        else:
            current.append(word)
    commands.append(current)
    if any(not command for command in commands):
        sys.exit("paired.py: an empty command")
    results = [[] for _ in commands]
    devnull = os.open(os.devnull, os.O_WRONLY)
    for _ in range(rounds):
        order = list(range(len(commands)))
        random.shuffle(order)
        for index in order:
            if pause:
                time.sleep(pause)
            start = time.perf_counter()
            pid = os.posix_spawnp(
                commands[index][0], commands[index], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)]
            )
            _, status, usage = os.wait4(pid, 0)
            wall = time.perf_counter() - start
            if status != 0:
                sys.exit(f"paired.py: `{' '.join(commands[index])}` failed (status {status})")
            results[index].append((wall, usage.ru_utime, usage.ru_stime, usage.ru_minflt))
    peer = statistics.median(r[0] for r in results[-1])
    for command, runs in zip(commands, results):
        wall = statistics.median(r[0] for r in runs)
        user = statistics.median(r[1] for r in runs)
        system = statistics.median(r[2] for r in runs)
        faults = statistics.median(r[3] for r in runs)
        name = os.path.basename(command[0]) + " " + " ".join(os.path.basename(a) for a in command[1:])
        print(
            f"  {name[:50]:<50} median {wall * 1e3:8.1f} ms (user {user * 1e3:.1f}, sys {system * 1e3:.1f},"
            f" {faults:.0f} faults)  {wall / peer:.2f}x"
        )


if __name__ == "__main__":
    main(sys.argv)
