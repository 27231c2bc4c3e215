import Glibc
import PlanCore
import PlanSession
import SupportEconomics

// A write past `ulimit -f` must fail with EFBIG (reported, the session goes on), not kill the process.
signal(SIGXFSZ, SIG_IGN)

/// The whole program runs on a thread with a large stack, so deep (but limited) nesting is safe in every build.
let status = BigStack.run { () -> Int32 in
    let arguments = Array(CommandLine.arguments.dropFirst())
    let options: Options
    do throws(UsageError) {
        options = try Options.parse(arguments)
    } catch {
        Console.write("supportplan: \(error.message)\n\n\(Options.usage)\n", to: 2)
        return ExitStatus.usage.rawValue
    }
    return Program(options: options).main().rawValue
}
exit(status)
