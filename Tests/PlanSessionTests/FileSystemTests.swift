import Foundation
import PlanCore
import PlanSession
import Testing

/// Issue #13 part 6: `:save`/`:export` never replace what is at the path blindly.
@Suite("Writing files")
struct FileSystemTests {
    /// The names in a directory.
    private func names(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test("a device, a FIFO and a directory are refused, never replaced", arguments: ["/dev/full", "/dev/null"])
    func devices(path: String) throws {
        var before = stat()
        #expect(stat(path, &before) == 0)
        #expect(throws: FileSystem.Failure.self) { try FileSystem.writeAtomically(path, "x") }
        var after = stat()
        #expect(lstat(path, &after) == 0)
        #expect(after.st_mode & S_IFMT == S_IFCHR)
        #expect(after.st_rdev == before.st_rdev)
    }

    @Test("a FIFO and a directory are refused with what they are")
    func fifoAndDirectory() {
        let directory = scratchDirectory()
        #expect(mkfifo(directory + "/pipe", 0o600) == 0)
        do throws(FileSystem.Failure) {
            try FileSystem.writeAtomically(directory + "/pipe", "x")
            Issue.record("a FIFO was written")
        } catch {
            #expect(error.message.contains("FIFO"))
        }
        do throws(FileSystem.Failure) {
            try FileSystem.writeAtomically(directory, "x")
            Issue.record("a directory was written")
        } catch {
            #expect(error.message.contains("directory"))
        }
        #expect(names(directory) == ["pipe"])
    }

    @Test("the existing file's mode is kept (a 0600 file stays 0600)")
    func modeKept() throws {
        let directory = scratchDirectory()
        let path = directory + "/private.plan"
        put("old\n", at: path)
        #expect(chmod(path, 0o600) == 0)
        try FileSystem.writeAtomically(path, "new\n")
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(contents(of: path) == "new\n")
        #expect(names(directory) == ["private.plan"])
    }

    @Test("a symbolic link is followed: its file is replaced and the link stays a link")
    func symlinkFollowed() throws {
        let directory = scratchDirectory()
        put("old\n", at: directory + "/real.plan")
        #expect(symlink("real.plan", directory + "/link.plan") == 0)
        try FileSystem.writeAtomically(directory + "/link.plan", "new\n")
        var info = stat()
        #expect(lstat(directory + "/link.plan", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(contents(of: directory + "/real.plan") == "new\n")
    }

    @Test("a link to nothing is refused and creates nothing")
    func danglingLink() {
        let directory = scratchDirectory()
        #expect(symlink(directory + "/elsewhere.plan", directory + "/link.plan") == 0)
        #expect(throws: FileSystem.Failure.self) { try FileSystem.writeAtomically(directory + "/link.plan", "x") }
        #expect(!FileManager.default.fileExists(atPath: directory + "/elsewhere.plan"))
    }

    @Test("the old predictable temporary name is not used: a link planted at NAME.tmp-PID is left alone")
    func plantedLink() throws {
        let directory = scratchDirectory()
        let victim = directory + "/victim.txt"
        put("precious\n", at: victim)
        #expect(symlink(victim, directory + "/m.plan.tmp-\(getpid())") == 0)
        try FileSystem.writeAtomically(directory + "/m.plan", "x = 1\n")
        #expect(contents(of: victim) == "precious\n")
        #expect(contents(of: directory + "/m.plan") == "x = 1\n")
    }

    @Test("reading refuses a FIFO (without blocking), a directory and a device; the command line reads a pipe")
    func reading() throws {
        let directory = scratchDirectory()
        #expect(mkfifo(directory + "/pipe", 0o600) == 0)
        #expect(throws: FileSystem.Failure.self) { try FileSystem.read(directory + "/pipe") }
        #expect(throws: FileSystem.Failure.self) { try FileSystem.read(directory) }
        #expect(throws: FileSystem.Failure.self) { try FileSystem.read("/dev/zero") }
        #expect(try FileSystem.read("/dev/null", allowingStreams: true).isEmpty)
    }

    @Test("a binary or non-UTF-8 file is named as such, with where it stops being text")
    func binary() {
        do throws(FileSystem.Failure) {
            try FileSystem.checkText([120, 10, 0, 1], path: "a.bin")
            Issue.record("NUL accepted")
        } catch {
            #expect(error.message.contains("not a text file") && error.message.contains("line 2"))
        }
        do throws(FileSystem.Failure) {
            try FileSystem.checkText(Array("x = \"é\"\n".utf8) + [0xFF], path: "a.txt")
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.message.contains("0xFF") && error.message.contains("line 2"))
        }
    }
}
