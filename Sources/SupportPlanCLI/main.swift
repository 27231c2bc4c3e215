import CMalloc
import Glibc
import PlanCore
import PlanSession
import SupportEconomics

// A write past `ulimit -f` must fail with EFBIG (reported, the session goes on), not kill the process.
signal(SIGXFSZ, SIG_IGN)

// Freed memory is kept for reuse, not handed back to the kernel. A recalculation of a large model allocates and frees
// ~16 MB of temporaries (the pass's values, the change set, the journal); returned each time, they were faulted in
// again on the next change (4,000 page faults a change at the root of the 100,000-cell chain). Peak memory is the
// same; the process keeps its peak until it ends, as a short-lived planning tool may.
_ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
_ = mallopt(M_TRIM_THRESHOLD, Int32.max)
// The program thread's arena (glibc gives a second thread its own) makes each of its 64 MiB heaps writable at once
// instead of a page at a time: `mprotect` was called 1,240 times loading the 10,000-line chain, 10,000 times for the
// 100,000-line one. Untouched pages cost no memory; `M_TOP_PAD` is also the main heap's step, which the main thread
// barely uses. (Huge pages for that heap were tried and left out: README, "How a large model stays small and fast".)
_ = mallopt(M_TOP_PAD, 64 << 20)

/// The whole program runs on a thread with a large stack, so deep (but limited) nesting is safe in every build.
///
/// The common forms go straight to `Program` (see `Options.fastParse`); everything else — `--help`,
/// `--version`, `presets`, completion scripts and their callbacks, usage errors (exit 64) — goes to
/// swift-argument-parser through `SupportPlanCommand`.
let status = BigStack.run { () -> Int32 in
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let options = Options.fastParse(arguments) {
        return Program(options: options).main().rawValue
    }
    if let shell = CompletionScript.requestedShell(arguments), let script = CompletionScript.text(for: shell) {
        Console.write(script + "\n", to: 1)
        return ExitStatus.success.rawValue
    }
    SupportPlanCommand.main(arguments)
    return ExitStatus.success.rawValue
}
exit(status)
