import PlanCore
import PlanSession
import Testing

/// Issue #13 part 6, atomicity: a statement line is all or nothing, `use` included.
@Suite("A line is all or nothing")
struct AtomicityTests {
    @Test("`a = 1; b = nosuch` applies nothing and says the statements before were taken back")
    func twoStatements() {
        let (session, output) = freshSession(standard: false, interactive: true)
        #expect(session.runEntry(SourceFile(name: nil, text: "a = 1; b = nosuch")) == .error)
        #expect(session.model.cell("a") == nil)
        #expect(output.diagnostics.contains { $0.severity == .note && $0.kind == .refused })
        // Nothing to undo: the line never happened.
        #expect(session.runEntry(SourceFile(name: nil, text: ":undo")) == .error)
    }

    @Test("a `use` that fails keeps none of the file's statements, nor its :reset or :scenario delete")
    func failingUse() {
        let directory = scratchDirectory()
        put("kept = 1\n:scenario delete mine\n:reset\nlater = nosuch\n", at: directory + "/bad.plan")
        let (session, _) = freshSession(standard: false, interactive: true)
        #expect(session.runEntry(SourceFile(name: nil, text: "x = 5\n:scenario save mine")) == .success)
        let before = session.model.cellNames
        #expect(session.runEntry(SourceFile(name: nil, text: "use \"bad.plan\""), directory: directory) == .error)
        #expect(session.model.cellNames == before)
        #expect(session.model.cell("kept") == nil)
        #expect(session.savedScenarios["mine"] != nil)
        #expect(session.scenario == "mine")
    }

    @Test("a command-line file that fails part-way leaves the model as it was")
    func commandLineFile() {
        let directory = scratchDirectory()
        put("first = 1\nsecond = first +\n  nosuch\n", at: directory + "/half.plan")
        let (session, _) = freshSession(standard: false)
        #expect(session.load(commandLine: .file(directory + "/half.plan")) == .error)
        #expect(session.model.cell("first") == nil)
    }

    @Test("settings changed before the error are restored too")
    func settings() {
        let (session, _) = freshSession(standard: false, interactive: true)
        let seed = session.seed
        #expect(session.runEntry(SourceFile(name: nil, text: ":set seed 99\n:set samples 500\nx = nosuch")) == .error)
        #expect(session.seed == seed)
        #expect(session.samples == 10_000)
    }

    @Test("a successful line keeps every statement")
    func success() {
        let (session, _) = freshSession(standard: false, interactive: true)
        #expect(session.runEntry(SourceFile(name: nil, text: "a = 1; b = a + 1")) == .success)
        #expect(session.model.value(of: "b")?.display == "2")
    }
}
