import Foundation
import PlanCore
import PlanSession
import Testing

/// Issue #13 part 6 and part 3: the journal's format, damage, write failures and replay.
@Suite("Journal")
struct JournalTests {
    /// Writes `records` as a journal in a new directory; returns the journal's path.
    private func written(_ records: [Journal.Record]) -> (Journal, String) {
        let directory = scratchDirectory()
        let journal = Journal(directory: directory)
        journal.start(Array(records.dropLast()))
        if let last = records.last { _ = journal.append(last) }
        return (journal, journal.path ?? "")
    }

    @Test("records round-trip, multi-line entries and backslashes included")
    func roundTrip() throws {
        let records: [Journal.Record] = [
            .start(empty: false), .directory("/tmp/a dir"), .seed(42), .load("klarna-2024"), .run("/x/m.plan"),
            .entry("pair = (1 +\n2)"), .entry("print \"a\\\\b \\u{1B}\""), .entry("#load klarna-2024"),
        ]
        let (_, path) = written(records)
        let read = try Journal.read(path)
        #expect(read.records == records)
        #expect(read.damaged.isEmpty)
    }

    @Test("a comment typed at the prompt is an entry, never a marker (`#load klarna-2024` loads nothing)")
    func unforgeable() throws {
        let (_, path) = written([.start(empty: true), .entry("#load klarna-2024"), .entry("#run /etc/passwd")])
        let read = try Journal.read(path)
        let (session, _) = freshSession(standard: false)
        let replay = session.replay(read.records, damaged: read.damaged)
        #expect(replay.problems.isEmpty)
        #expect(session.model.cellNames.isEmpty)
        #expect(session.scenario == "plan")
    }

    @Test("a journal cut mid-line resumes what it can and says what it skipped")
    func truncated() throws {
        let (_, path) = written([.start(empty: true), .entry("a = 1"), .entry("b = a + 1")])
        let text = try #require(contents(of: path))
        put(String(text.dropLast(4)), at: path)
        let read = try Journal.read(path)
        #expect(read.records == [.start(empty: true), .entry("a = 1")])
        #expect(read.damaged.count == 1)
        let (session, _) = freshSession(standard: false)
        let replay = session.replay(read.records, damaged: read.damaged)
        #expect(session.model.value(of: "a")?.display == "1")
        #expect(replay.problems.count == 1 && replay.problems[0].contains("line 4"))
    }

    @Test("random bytes in the middle are skipped line by line; the rest still resumes", arguments: [1, 2, 3, 4, 5])
    func randomBytes(seed: UInt64) throws {
        let records: [Journal.Record] = [.start(empty: true)] + (0..<20).map { .entry("c\($0) = \($0)") }
        let (_, path) = written(records)
        var bytes = Array(try #require(FileManager.default.contents(atPath: path)))
        var generator = SeededGenerator(seed: seed)
        // Damage a few bytes inside entry lines (not the header or the start record).
        let firstEntry = (bytes.firstIndex(of: 10).map { $0 + 1 } ?? 0) + 30
        var hit: Set<Int> = []
        for _ in 0..<3 {
            let at = Int.random(in: firstEntry..<bytes.count, using: &generator)
            bytes[at] = UInt8.random(in: 0...255, using: &generator)
            hit.insert(at)
        }
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let read = try Journal.read(path)
        #expect(read.records.count + read.damaged.count >= 19)
        #expect(read.records.count >= 17)
        let (session, _) = freshSession(standard: false)
        let replay = session.replay(read.records, damaged: read.damaged)
        // Every record read back is exactly one that was written (a checksum catches the changed ones).
        for record in read.records { #expect(records.contains(record)) }
        #expect(replay.problems.count == read.damaged.count)
    }

    @Test("an unwritable directory: the append fails, and a later append writes the whole journal")
    func recovers() throws {
        let parent = scratchDirectory()
        let blocker = parent + "/journals"
        put("a file where the directory should be", at: blocker)
        let journal = Journal(directory: blocker)
        journal.start([.start(empty: true)])
        guard case .failed(let reason) = journal.append(.entry("a = 1")) else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason.contains(blocker))
        #expect(journal.append(.entry("b = 2")) != .written)
        try FileManager.default.removeItem(atPath: blocker)
        #expect(journal.append(.entry("c = 3")) == .recovered)
        let read = try Journal.read(try #require(journal.path))
        #expect(read.records == [.start(empty: true), .entry("a = 1"), .entry("b = 2"), .entry("c = 3")])
    }

    @Test("two sessions on one directory write two journals; the latest is the one written last")
    func twoSessions() throws {
        let directory = scratchDirectory()
        let first = Journal(directory: directory)
        let second = Journal(directory: directory)
        first.start([.start(empty: true)])
        second.start([.start(empty: true)])
        #expect(first.append(.entry("a = 1")) == .written)
        #expect(second.append(.entry("b = 2")) == .written)
        usleep(20_000)
        #expect(first.append(.entry("a2 = 3")) == .written)
        #expect(first.path != second.path)
        #expect(Journal.latest(in: directory) == first.path)
        let read = try Journal.read(try #require(second.path))
        #expect(read.records == [.start(empty: true), .entry("b = 2")])
    }

    @Test("replay keeps undo history: `:undo` in a resumed script means what it meant live")
    func replayUndo() {
        let (session, _) = freshSession(standard: false)
        let replay = session.replay([.start(empty: true), .entry("a = 1"), .entry("a = 2"), .entry(":undo")])
        #expect(replay.problems.isEmpty)
        #expect(session.model.value(of: "a")?.display == "1")
        #expect(!session.interactive)
    }

    @Test("replay resolves relative paths against the recorded directory, not the working directory")
    func replayDirectory() {
        let directory = scratchDirectory()
        put("from_file = 7\n", at: directory + "/m.plan")
        let (session, _) = freshSession(standard: false)
        let replay = session.replay([
            .start(empty: true), .directory(directory), .entry(":load m.plan"), .entry("use \"m.plan\""),
        ])
        #expect(replay.problems.isEmpty, "\(replay.problems)")
        #expect(session.model.value(of: "from_file")?.display == "7")
    }

    @Test("replay never writes a file, and an entry that fails again is skipped and named")
    func replayWritesNothing() {
        let directory = scratchDirectory()
        let (session, _) = freshSession(standard: false)
        let replay = session.replay([
            .start(empty: true), .directory(directory), .entry("x = 1\n:save out.plan"), .entry("y = nosuch"),
            .entry("z = 3"),
        ])
        #expect(!FileManager.default.fileExists(atPath: directory + "/out.plan"))
        #expect(replay.problems.count == 1 && replay.problems[0].contains("entry 2"), "\(replay.problems)")
        #expect(session.model.value(of: "x")?.display == "1")
        #expect(session.model.value(of: "z")?.display == "3")
        #expect(
            replay.applied == [
                .start(empty: true), .directory(directory), .entry("x = 1\n:save out.plan"), .entry("z = 3"),
            ])
    }
}
