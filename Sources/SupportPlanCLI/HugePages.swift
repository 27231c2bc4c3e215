import Glibc

/// Asks the kernel for 2 MiB pages under the heap of the thread that calls it (`MADV_HUGEPAGE`).
///
/// A large model is a few hundred thousand small objects: loading the 10,000-line chain touched 7 MB of heap a 4 KiB
/// page at a time, ~2,100 page faults in all (GNU bc: ~900) and twice bc's system time; the 100,000-line chain took
/// 18,500 (40 ms). With transparent huge pages that is one fault per 2 MiB. glibc can do this itself
/// (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`), but only from the environment at start, so the program asks for it.
///
/// The heap is found, not assumed: glibc gives a second thread its own arena, a mapping aligned to its 64 MiB heap
/// size, made writable at once by `M_TOP_PAD` (main.swift). The advice is given only when `/proc/self/maps` shows
/// that the whole aligned 64 MiB around a fresh allocation is one private, anonymous, writable mapping; under another
/// allocator (the sanitizers') or another layout nothing is done. Where the kernel's THP mode is `never`, or it has
/// no THP, the advice changes nothing.
enum HugePages {
    /// The size glibc aligns a thread arena's heap to (`HEAP_MAX_SIZE` on 64-bit).
    static let heapSize = 64 << 20

    /// Advises huge pages for the calling thread's heap, when it can be found.
    static func adviseForThreadHeap() {
        guard let probe = malloc(64) else { return }
        defer { free(probe) }
        let address = UInt(bitPattern: probe)
        let base = address & ~UInt(heapSize - 1)
        guard let mapping = mapping(containing: address), mapping.isPrivateAnonymousWritable,
            mapping.start <= base, base + UInt(heapSize) <= mapping.end,
            let start = UnsafeMutableRawPointer(bitPattern: base)
        else { return }
        _ = madvise(start, heapSize, MADV_HUGEPAGE)
    }

    /// One line of `/proc/self/maps`.
    struct Mapping: Equatable {
        var start: UInt
        var end: UInt
        /// `rw-p`, no file: anonymous memory of this process alone.
        var isPrivateAnonymousWritable: Bool
    }

    /// The mapping that holds an address, read from `/proc/self/maps` (nil when it cannot be read).
    static func mapping(containing address: UInt) -> Mapping? {
        let descriptor = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            text.append(contentsOf: buffer[0..<count])
            // A process with a runaway number of mappings is not worth reading further.
            if text.count > 1 << 20 { return nil }
        }
        return mapping(containing: address, in: text)
    }

    /// The mapping that holds an address, from the text of a maps file.
    ///
    /// One pass over the bytes (a start-up cost: splitting every line into fields cost ~0.8M instructions, a sixth of a
    /// one-line script's run); only the line whose range holds the address is read past its range.
    static func mapping(containing address: UInt, in text: [UInt8]) -> Mapping? {
        var lineStart = 0
        while lineStart < text.count {
            var lineEnd = lineStart
            while lineEnd < text.count && text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = text[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            guard let range = addressRange(line), range.start <= address, address < range.end else { continue }
            return parse(line)
        }
        return nil
    }

    /// The `start-end` at the beginning of a line, or nil.
    private static func addressRange(_ line: ArraySlice<UInt8>) -> (start: UInt, end: UInt)? {
        guard let dash = line.firstIndex(of: UInt8(ascii: "-")),
            let space = line[dash...].firstIndex(of: UInt8(ascii: " ")),
            let start = hex(line[line.startIndex..<dash]), let end = hex(line[(dash + 1)..<space]), start < end
        else { return nil }
        return (start, end)
    }

    /// Parses `start-end perms offset dev inode [path]`; nil for a line that does not have that form.
    static func parse(_ line: ArraySlice<UInt8>) -> Mapping? {
        let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard fields.count >= 5, let range = addressRange(line) else { return nil }
        let anonymous = fields.count == 5 && fields[4].elementsEqual("0".utf8)
        return Mapping(
            start: range.start, end: range.end,
            isPrivateAnonymousWritable: anonymous && fields[1].elementsEqual("rw-p".utf8))
    }

    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt(digit - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return value
    }
}
