// The libFuzzer target: one input is a script, run through a `Session` as `supportplan run FILE` runs it
// (standard model, then the script), with file writes turned off and a time budget per input; then, as a
// differential test, every cell of the model it leaves is evaluated by the block interpreter too.
// Built only with `-DFUZZING` (see Tests/Fuzz/run-fuzz.sh); in the ordinary build it is a stub.

#if FUZZING
    import FuzzerDriver
    import Glibc
    import PlanCore
    import PlanGraph
    import PlanSession
    import SupportEconomics

    /// Discards everything a session prints (the fuzzer looks for crashes, hangs and leaks, not output),
    /// unless `SUPPORTPLAN_FUZZ_VERBOSE` is set (to see what a reproducer does).
    final class DiscardingOutput: SessionOutput {
        static let verbose = getenv("SUPPORTPLAN_FUZZ_VERBOSE") != nil

        func emit(_ text: String) {
            if Self.verbose { print(text) }
        }

        func report(_ diagnostic: Diagnostic) {
            if Self.verbose { print("error: " + diagnostic.message) }
        }

        func changed(_ changes: ChangeSet, in session: Session) {}
    }

    /// Runs one input; never throws, never exits.
    enum FuzzHarness {
        /// The wall-clock budget per input, after which long computations are cancelled (as Ctrl-C does).
        ///
        /// libFuzzer's own `-timeout` (larger) catches loops that never poll for cancellation.
        /// `SUPPORTPLAN_FUZZ_BUDGET` (seconds) changes it, to replay an input cancelled at another point.
        static let budget = getenv("SUPPORTPLAN_FUZZ_BUDGET").flatMap { Double(String(cString: $0)) } ?? 2.0

        /// The presets, found as `supportplan` finds them (`$SUPPORTPLAN_PRESETS`, then the source tree).
        static let locator = PresetLocator(
            environmentRoot: FileSystem.environment("SUPPORTPLAN_PRESETS"), executablePath: FileSystem.executablePath,
            fileExists: { FileSystem.isFile($0) }, listDirectory: { FileSystem.list($0) },
            sourceFile: packageRoot + "/Sources/SupportEconomics/PresetLocator.swift")

        /// The package's directory: this file is `<package>/Tests/Fuzz/Target/main.swift`.
        static var packageRoot: String {
            var path = #filePath
            for _ in 0..<4 { path = FileSystem.directory(of: path) }
            return path
        }

        static func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }

        /// The session every input starts from: the standard model, loaded once (as `supportplan run`
        /// loads it before the script), or an empty one with `SUPPORTPLAN_FUZZ_EMPTY=1` (`run --empty`:
        /// faster, and names the input defines itself are not taken).
        nonisolated(unsafe) static let template: Session = {
            let session = Session(output: DiscardingOutput(), locator: locator)
            session.interactive = false
            session.width = 80
            session.startedEmpty = getenv("SUPPORTPLAN_FUZZ_EMPTY") != nil
            if !session.startedEmpty && session.loadStandardModel() == .error {
                print("supportplan-fuzz: cannot load the standard model (set SUPPORTPLAN_PRESETS)")
                exit(2)
            }
            return session
        }()

        static func run(_ bytes: [UInt8]) {
            let session = template.copy(output: DiscardingOutput())
            let deadline = now() + budget
            session.cancellation = { now() > deadline }
            // Like `supportplan run FILE`: a file that is not text is refused before it runs.
            do throws(FileSystem.Failure) {
                try FileSystem.checkText(bytes, path: "fuzz.plan")
            } catch {
                return
            }
            _ = session.run(SourceFile(name: "fuzz.plan", bytes: bytes))
            if differential && now() < deadline { checkEvaluatorsAgree(session.model) }
        }

        /// True unless `SUPPORTPLAN_FUZZ_DIFFERENTIAL=0`: every model an input leaves is evaluated by the block
        /// interpreter too (point inputs), and a cell whose value differs from the scalar one by a bit is a crash.
        static let differential = getenv("SUPPORTPLAN_FUZZ_DIFFERENTIAL").map { String(cString: $0) != "0" } ?? true

        /// Stops the process (an artifact for libFuzzer) when the two interpreters disagree on a cell.
        ///
        /// The check has its own deadline, not the session's (which may pass while it runs): a block evaluation cut
        /// short fails the cells it did not reach, so a check that ran out of time compares nothing.
        static func checkEvaluatorsAgree(_ evaluated: Model) {
            var model = evaluated
            let checkDeadline = now() + 2 * budget
            model.isCancelled = { now() > checkDeadline }
            let blocks = model.blockValues()
            guard now() <= checkDeadline else { return }
            for (name, block) in blocks {
                guard let scalar = model.value(of: name) else { continue }
                if block.map({ scalar.isIdentical(to: $0) }) ?? false { continue }
                let shown = String(describing: block)
                print("supportplan-fuzz: `\(name)` is \(scalar) in scalar evaluation, \(shown) in a block")
                // `abort()` does not flush standard output.
                fflush(nil)
                abort()
            }
        }
    }

    /// libFuzzer's entry point for one input.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        guard let data else { return 0 }
        FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    /// The arguments and result of the driver, handed to the thread that runs it.
    final class DriverRun: @unchecked Sendable {
        var arguments: [String]
        var result: Int32 = 0
        init(_ arguments: [String]) { self.arguments = arguments }

        /// Runs libFuzzer with the arguments.
        func start() {
            var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            var count = Int32(arguments.count)
            pointers.withUnsafeMutableBufferPointer { buffer in
                var argv = buffer.baseAddress
                result = LLVMFuzzerRunDriver(&count, &argv) { data, size in
                    fuzzOneInput(data, size)
                }
            }
        }
    }

    extension DriverRun {
        /// Runs libFuzzer on a thread with a 512 MiB stack and returns its status.
        ///
        /// The program runs on such a thread too (`BigStack`): deep but legal input must not overflow here
        /// when it does not in `supportplan`.
        func startOnLargeStack() -> Int32 {
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            pthread_attr_setstacksize(&attributes, 512 << 20)
            var thread = pthread_t()
            let context = Unmanaged.passRetained(self).toOpaque()
            let created = pthread_create(
                &thread, &attributes,
                { raw in
                    guard let raw else { return nil }
                    Unmanaged<DriverRun>.fromOpaque(raw).takeRetainedValue().start()
                    return nil
                }, context)
            pthread_attr_destroy(&attributes)
            if created != 0 {
                Unmanaged<DriverRun>.fromOpaque(context).release()
                start()
            } else {
                pthread_join(thread, nil)
            }
            return result
        }
    }

    /// Turns file writes off and starts libFuzzer.
    @main
    enum FuzzMain {
        static func main() {
            FileSystem.writesRefused = true
            signal(SIGXFSZ, SIG_IGN)
            exit(DriverRun(CommandLine.arguments).startOnLargeStack())
        }
    }
#else
    /// The ordinary build: the fuzz target needs libFuzzer (`Tests/Fuzz/run-fuzz.sh` builds it).
    @main
    enum FuzzMain {
        static func main() {
            print("supportplan-fuzz: build with Tests/Fuzz/run-fuzz.sh (-sanitize=fuzzer -DFUZZING)")
        }
    }
#endif
