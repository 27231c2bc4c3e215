import PlanCore
import Testing

/// The resolver's name table: names by slot, and the names a "did you mean" searches, in slot (definition) order.
@Suite struct NameTableTests {
    private static let table = NameTable(
        cellIds: ["b": 2, "a": 0, "c": 1], functionIds: ["g": 4, "f": 3], builtins: .core, timelineSlot: 5)

    @Test func looksNamesUpBySlot() {
        #expect(Self.table.cellSlot("c") == 1)
        #expect(Self.table.cellSlot("f") == nil)
        #expect(Self.table.functionSlot("g") == 4)
        #expect(Self.table.functionSlot("a") == nil)
    }

    @Test func listsNamesInSlotOrder() {
        #expect(Self.table.cellNames == ["a", "c", "b"])
        #expect(Self.table.functionNames == ["f", "g"])
    }

    /// A name resolves to its cell's slot and is a dependency; an unknown one fails with a hint from the table.
    @Test func resolvesThroughTheTable() throws {
        var resolver = Resolver(Self.table)
        let file = SourceFile(name: "t", text: "c + bb")
        _ = resolver.lower(try Parser.parseExpression(file))
        #expect(resolver.dependencies == [1])
        let error = try #require(resolver.errors.first)
        #expect(error.kind == .unknownName)
        #expect(error.hint == "did you mean `b`?")
    }
}
