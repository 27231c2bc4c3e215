import Glibc
import Testing

@testable import SupportPlanCLI

/// The program thread's heap is found in `/proc/self/maps` before huge pages are advised for it; a line that
/// is not an anonymous private writable mapping is never advised.
@Suite struct HugePagesTests {
    /// Lines as the kernel writes them (an anonymous mapping's line ends in a space).
    private static let maps = Array(
        [
            "00400000-04e5a000 r-xp 00000000 08:01 1234                               /work/supportplan",
            "05059000-050e3000 rw-p 04c59000 08:01 1234                               /work/supportplan",
            "050e3000-090e3000 rw-p 00000000 00:00 0                                  [heap]",
            "7f1c24000000-7f1c28000000 rw-p 00000000 00:00 0 ",
            "7f1c28000000-7f1c2c000000 ---p 00000000 00:00 0 ",
            "7f1c30000000-7f1c31000000 rw-s 00000000 00:05 99                         /dev/zero (deleted)",
        ].joined(separator: "\n").utf8)

    @Test func findsTheAnonymousThreadHeap() {
        let mapping = HugePages.mapping(containing: 0x7f1c_2400_1234, in: Self.maps)
        #expect(
            mapping
                == HugePages.Mapping(start: 0x7f1c_2400_0000, end: 0x7f1c_2800_0000, isPrivateAnonymousWritable: true))
    }

    @Test(
        arguments: [
            0x0040_1000,  // the executable's code
            0x0505_a000,  // its data: written, private, but a file's
            0x050e_4000,  // the main heap has a name
            0x7f1c_2800_1000,  // a reserve, not writable
            0x7f1c_3000_1000,  // shared
        ] as [UInt])
    func adviseNothingElse(address: UInt) {
        let mapping = HugePages.mapping(containing: address, in: Self.maps)
        #expect(mapping != nil)
        #expect(mapping?.isPrivateAnonymousWritable == false)
    }

    @Test func anAddressOutsideEveryMappingHasNone() {
        #expect(HugePages.mapping(containing: 0x10, in: Self.maps) == nil)
        #expect(HugePages.mapping(containing: 0x7f1c_2c00_0000, in: Self.maps) == nil)
    }

    @Test func malformedLinesAreSkipped() {
        let text = Array("zz-40 rw-p 0 00:00 0\n10-8 rw-p 0 00:00 0\n\n1000-2000 rw-p\n".utf8)
        #expect(HugePages.mapping(containing: 0x1800, in: text) == nil)
    }

    /// The live maps file of this process has the page this test's own allocation is on.
    @Test func readsThisProcessMaps() throws {
        let pointer = try #require(malloc(16))
        defer { free(pointer) }
        let address = UInt(bitPattern: pointer)
        let mapping = try #require(HugePages.mapping(containing: address))
        #expect(mapping.start <= address && address < mapping.end)
    }
}
