import PlanCore
import PlanSession
import Testing

/// Issue #13 part 5: every limit gives a clear error of kind `.limit` that names it.
@Suite("Limits")
struct LimitTests {
    /// Runs text on an empty model and returns the first diagnostic.
    private func firstError(_ text: String) -> Diagnostic? {
        let (session, output) = freshSession(standard: false)
        _ = session.run(SourceFile(name: "limit.plan", text: text))
        return output.diagnostics.first
    }

    @Test("nesting depth: 201 brackets are refused, 200 are fine")
    func nesting() {
        let deep = "x = " + String(repeating: "(", count: 201) + "1" + String(repeating: ")", count: 201)
        #expect(firstError(deep)?.message.contains("more than \(Parser.maximumDepth) levels") == true)
        let fine = "x = " + String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)
        #expect(firstError(fine) == nil)
    }

    @Test("call depth: a chain of 250 functions is refused with the limit named")
    func callDepth() {
        var text = "f0(x) = x + 1\n"
        for index in 1...250 { text += "f\(index)(x) = f\(index - 1)(x) + 1\n" }
        text += "y = f250(1)\n"
        let error = firstError(text)
        #expect(error?.kind == .limit)
        #expect(
            error?.message.contains("\(Interpreter<ScalarDomain>.maximumCallDepth)") == true,
            "\(String(describing: error))")
    }

    @Test("line length: a line over 1 MiB is refused before parsing")
    func lineLength() {
        let error = firstError("x = 1\ny = \"" + String(repeating: "a", count: Session.maximumLineLength) + "\"\n")
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("line 2") == true && error?.message.contains("1,048,576") == true)
    }

    @Test("statement length: a statement over 1 MiB across short lines is refused")
    func statementLength() {
        let body = Array(repeating: "1 +", count: 400_000).joined(separator: "\n")
        let error = firstError("x = (" + body + "\n1)\n")
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("1 MiB") == true)
    }

    @Test("Monte Carlo memory: samples × cells over 8 GiB is refused before simulating")
    func simulationMemory() {
        let error = firstError("x = {a: 1 to 2, b: 1 to 2, c: 1 to 2, d: 1 to 2, e: 1 to 2}\n:simulate 100M x")
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("8 GiB") == true)
    }

    @Test("sweep steps: more than 1,000 is refused")
    func sweepSteps() {
        let error = firstError("x = 1\ny = x * 2\n:sweep x from 1 to 2 steps 1001 show y")
        #expect(error?.message.contains("1000") == true || error?.message.contains("1,000") == true)
    }

    @Test("file size: a file over the read limit is refused, naming it")
    func fileSize() {
        #expect(FileSystem.maximumReadSize == 256 << 20)
        do throws(FileSystem.Failure) {
            _ = try FileSystem.read("/dev/zero", allowingStreams: true)
            Issue.record("read /dev/zero to the end")
        } catch {
            #expect(error.message.contains("256 MiB"))
        }
    }

    @Test("use depth: 33 nested files are refused")
    func useDepth() {
        let directory = scratchDirectory()
        for index in 0...40 { put("use \"u\(index + 1).plan\"\n", at: directory + "/u\(index).plan") }
        put("done = 1\n", at: directory + "/u41.plan")
        let (session, output) = freshSession(standard: false)
        #expect(session.run(SourceFile(name: nil, text: "use \"u0.plan\""), directory: directory) == .error)
        #expect(output.diagnostics.contains { $0.message.contains("nested too deeply") })
    }

    @Test("the definition limit is a million and named in its error")
    func definitions() {
        #expect(Session.maximumDefinitions == 1_000_000)
    }
}
