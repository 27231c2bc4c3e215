import Glibc

/// Writing files: whole-file replacement that never leaves something partial behind, and the pieces the
/// journal appends with.
extension FileSystem {
    /// When true, every write through `writeAtomically` fails with "writing files is turned off" and
    /// touches nothing: the fuzzer (`Tests/Fuzz`) sets it once at start, before any session exists, so
    /// that a generated `:save /etc/passwd` cannot reach the disk.
    nonisolated(unsafe) public static var writesRefused = false

    /// Replaces the file at `path` with `text`, atomically (SPEC §5 `:save`).
    ///
    /// - The target must be a regular file or not exist yet. A symbolic link is followed to the regular
    ///   file it names, which is replaced while the link stays a link; a link to nothing, a directory,
    ///   a device (`/dev/null`, `/dev/full`), a FIFO or a socket is refused, never replaced.
    /// - The text goes to a new temporary file with an unpredictable name beside the target, created
    ///   with `O_CREAT | O_EXCL | O_NOFOLLOW` (a file or link planted there is never written through), with
    ///   the existing file's mode (a new file gets `0666` less the umask), flushed with `fsync`, then
    ///   renamed over the target. On any failure (a full disk, `EFBIG` under `ulimit -f`, an I/O error)
    ///   the temporary is removed and the target is left as it was.
    public static func writeAtomically(_ path: String, _ text: String) throws(Failure) {
        try writeAtomically(path, bytes: Array(text.utf8))
    }

    /// Replaces the file at `path` with `bytes`, atomically (see `writeAtomically(_:_:)`).
    public static func writeAtomically(_ path: String, bytes: [UInt8]) throws(Failure) {
        if writesRefused { throw Failure(message: "cannot write \(path): writing files is turned off") }
        let target = try writableTarget(path)
        let directory = directory(of: target.path)
        let base = baseName(target.path)
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<100 {
            temporary = resolve("." + base + "." + randomSuffix() + ".tmp", against: directory)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw Failure(message: "cannot write \(path): \(reason())") }
        func fail(_ code: Int32) -> Failure {
            close(fd)
            unlink(temporary)
            return Failure(message: "cannot write \(path): \(reason(code))")
        }
        if let mode = target.mode {
            // Keep the replaced file's permissions (and its owner, where allowed).
            fchmod(fd, mode)
            if let owner = target.owner, owner.uid != geteuid() || owner.gid != getegid() {
                _ = fchown(fd, owner.uid, owner.gid)
            }
        }
        if let code = writeAll(fd, bytes) { throw fail(code) }
        if fsync(fd) != 0 { throw fail(errno) }
        guard close(fd) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(message: "cannot write \(path): \(reason(code))")
        }
        guard rename(temporary, target.path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(message: "cannot write \(path): \(reason(code))")
        }
        syncDirectory(directory)
    }

    /// Writes all of `bytes` to `fd`; returns the `errno` of a failed write, or nil.
    ///
    /// `SIGXFSZ` is ignored by the program (see `main.swift`), so a write past `ulimit -f` fails with
    /// `EFBIG` here instead of killing the process.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if count == 0 { return EIO }
            written += count
        }
        return nil
    }

    /// Flushes a directory's entries (a rename in it) to disk; failures are ignored.
    public static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Sixteen random hexadecimal digits (for temporary names nobody can predict).
    static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Where a write to `path` goes, and the mode and owner to keep; throws for a target that is not a
    /// regular file.
    private static func writableTarget(_ path: String) throws(Failure) -> (
        path: String, mode: mode_t?, owner: (uid: uid_t, gid: gid_t)?
    ) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return (path, nil, nil) }
            throw Failure(message: "cannot write \(path): \(reason())")
        }
        var resolved = path
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let real = realpath(path, nil) else {
                throw Failure(message: "cannot write \(path): it is a symbolic link to a missing file")
            }
            resolved = String(cString: real)
            free(real)
            guard lstat(resolved, &info) == 0 else { throw Failure(message: "cannot write \(path): \(reason())") }
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw Failure(
                message: "cannot write \(path): it is \(describe(type)), not a regular file; only a file is replaced")
        }
        return (resolved, info.st_mode & 0o7777, (info.st_uid, info.st_gid))
    }
}
