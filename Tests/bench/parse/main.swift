// The parser's own benchmark and differential check (Tests/bench/parse/run.sh builds it with the PlanCore
// sources of a tree, as one module; it is not a package target).
//
//     main bench FILE [RUNS]   time Parser.nextStatement over FILE (min and median of RUNS, 10 by default)
//     main lex FILE            time the lexer alone over FILE
//     main dump FILE…          every statement of each FILE (kind, tree, spans, names) or its error, as text:
//                              two builds that print the same dump parse the same way
import Glibc

/// Seconds on the monotonic clock.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The bytes of a file (empty when it cannot be read).
func readBytes(_ path: String) -> [UInt8] {
    guard let handle = fopen(path, "r") else { return [] }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&buffer, 1, buffer.count, handle)
        if count <= 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
}

/// Milliseconds, one decimal.
func milliseconds(_ seconds: Double) -> Double { (seconds * 10_000).rounded() / 10 }

/// Everything the parser produced for a file: statements (kind, spans, docs, names…) and the error.
func dumpAll(_ file: SourceFile) -> String {
    var out = ""
    var parser = Parser(file)
    do throws(EvalError) {
        while let statement = try parser.nextStatement() {
            dump(statement.kind, to: &out)
            out += "span \(statement.span) doc \(statement.doc)\n"
            dump(statement.alertDetails, to: &out)
            dump(statement.range, to: &out)
        }
    } catch {
        out += "error \(error.message) \(String(describing: error.span)) \(String(describing: error.hint))"
        out += " \(error.kind)\n"
    }
    return out
}

let arguments = CommandLine.arguments
let mode = arguments.count > 1 ? arguments[1] : ""
switch mode {
case "bench", "lex":
    let path = arguments.count > 2 ? arguments[2] : ""
    let runs = arguments.count > 3 ? Int(arguments[3]) ?? 10 : 10
    let file = SourceFile(name: path, bytes: readBytes(path))
    var times: [Double] = []
    var count = 0
    for _ in 0..<max(1, runs) {
        let start = now()
        count = 0
        if mode == "lex" {
            var lexer = Lexer(file)
            while try lexer.next().kind != .end { count += 1 }
        } else {
            var parser = Parser(file)
            while try parser.nextStatement() != nil { count += 1 }
        }
        times.append(now() - start)
    }
    times.sort()
    let what = mode == "lex" ? "tokens" : "statements"
    print("\(what) \(count) min \(milliseconds(times[0])) ms median \(milliseconds(times[times.count / 2])) ms")
case "dump":
    for path in arguments.dropFirst(2) {
        print("== \(path)")
        print(dumpAll(SourceFile(name: path, bytes: readBytes(path))))
    }
default:
    print("usage: main bench FILE [RUNS] | main lex FILE | main dump FILE…")
}
