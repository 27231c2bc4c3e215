import Glibc
import PlanCore
import PlanSession
import SupportEconomics

// A write past `ulimit -f` must fail with EFBIG (reported, the session goes on), not kill the process.
signal(SIGXFSZ, SIG_IGN)

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
