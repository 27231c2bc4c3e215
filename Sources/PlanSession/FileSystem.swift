import Glibc
import PlanCore

/// File access without Foundation (start-up time matters): read, listing, paths; writing is in
/// `FileSystem+Writing.swift`.
public enum FileSystem {
    /// An I/O failure with the system's reason.
    public struct Failure: Error, Sendable {
        /// What went wrong, with the path.
        public let message: String
    }

    /// The largest file `read` accepts: a device such as `/dev/zero` never ends.
    public static let maximumReadSize = 256 << 20

    /// Reads a whole file as bytes; only a regular file unless `allowingStreams`.
    ///
    /// Opening never blocks: a FIFO with no writer, a device or a directory is refused with what it is
    /// (`use "/dev/stdin"`, `use "fifo"` would otherwise wait forever). The command line passes
    /// `allowingStreams` so that `supportplan run <(generate)` still reads the pipe a shell hands over.
    public static func read(_ path: String, allowingStreams: Bool = false) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(message: "cannot read \(path): \(reason())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(message: "cannot read \(path): \(reason())") }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR || (type != S_IFREG && !allowingStreams) {
            throw Failure(message: "cannot read \(path): it is \(describe(type)), not a file")
        }
        if type == S_IFREG && Int(info.st_size) > maximumReadSize {
            throw Failure(message: "cannot read \(path): larger than \(maximumReadSize >> 20) MiB (the limit)")
        }
        // A pipe handed over on the command line is read as usual: blocking.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var result: [UInt8] = []
        // A regular file's size is known: one buffer of that size (the file is kept as it is read).
        if type == S_IFREG { result.reserveCapacity(Int(info.st_size)) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "cannot read \(path): \(reason())")
            }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
            if result.count > maximumReadSize {
                throw Failure(message: "cannot read \(path): larger than \(maximumReadSize >> 20) MiB (the limit)")
            }
        }
        return result
    }

    /// Reads all of standard input (at most `maximumReadSize` bytes: `yes | supportplan` must not eat memory).
    public static func readStandardInput() throws(Failure) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            result.append(contentsOf: buffer[0..<count])
            if result.count > maximumReadSize {
                throw Failure(message: "standard input is larger than \(maximumReadSize >> 20) MiB (the limit)")
            }
        }
        return result
    }

    /// Checks that a file's bytes are text: UTF-8 with no NUL byte.
    ///
    /// A binary file (or one in another encoding) is refused with the line and byte where it stops being
    /// text.
    public static func checkText(_ bytes: [UInt8], path: String) throws(Failure) {
        let scanned = UTF8Check.scan(bytes)
        if scanned.valid && !scanned.hasNUL { return }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        var line = 1
        var lineStart = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0 {
                    throw Failure(
                        message: "cannot read \(path): it is not a text file (a NUL byte at line \(line), "
                            + "byte \(offset - lineStart + 1))")
                }
                if encoded.count == 1 && encoded.first == 10 {
                    line += 1
                    lineStart = offset + 1
                }
                offset += encoded.count
            case .error(let length):
                let byte = bytes[offset]
                let hex = String(byte, radix: 16, uppercase: true)
                _ = length
                throw Failure(
                    message: "cannot read \(path): it is not UTF-8 text (byte 0x\(hex.count == 1 ? "0" + hex : hex) "
                        + "at line \(line), byte \(offset - lineStart + 1))")
            case .emptyInput:
                return
            }
        }
    }

    /// What a file type is, for messages (`a directory`, `a FIFO (named pipe)`).
    static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        case S_IFREG: return "a regular file"
        default: return "not a regular file"
        }
    }

    /// True when a regular file exists at the path.
    public static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// True when a directory exists at the path.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a directory, sorted.
    public static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Creates a directory and its parents.
    public static func makeDirectories(_ path: String) {
        if writesRefused { return }
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if !isDirectory(current) { mkdir(current, 0o755) }
        }
    }

    /// The directory part of a path (`.` when there is none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last part of a path.
    public static func baseName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `path` resolved against `directory` unless it is absolute.
    public static func resolve(_ path: String, against directory: String) -> String {
        path.hasPrefix("/") || directory == "." ? path : directory + "/" + path
    }

    /// An environment variable.
    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// The absolute path with every link and `.`/`..` resolved, or nil when the file does not exist.
    public static func canonicalPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// The working directory, or nil when it cannot be read.
    public static var currentDirectory: String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The running executable's path.
    public static var executablePath: String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The system's reason for the last failure (`strerror(errno)`).
    static func reason(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}
