import PlanCore
import PlanGraph
import Testing

/// Applies `name = text` to the model.
@discardableResult
private func define(_ model: inout Model, _ name: String, _ text: String) throws -> ChangeSet {
    let file = SourceFile(name: nil, text: text)
    let expr = try Parser.parseExpression(file)
    return try model.define(name, nameSpan: SourceSpan(start: 0, end: 0), expr: expr, file: file)
}

@Suite("Live model")
struct ModelTests {
    @Test("a change recomputes only its dependents, in order")
    func downstreamOnly() throws {
        var model = Model()
        try define(&model, "a", "1")
        try define(&model, "b", "a * 2")
        try define(&model, "c", "b + 1")
        try define(&model, "other", "5")
        let changes = try define(&model, "a", "10")
        #expect(changes.recomputed == 3)
        #expect(changes.cells.map(\.name) == ["a", "b", "c"])
        #expect(model.value(of: "c") == .plain(21))
    }

    @Test("early cutoff: an unchanged value stops recalculation")
    func earlyCutoff() throws {
        var model = Model()
        try define(&model, "a", "1")
        try define(&model, "b", "min(a, 5)")
        try define(&model, "c", "b + 1")
        try define(&model, "a", "2")
        let changes = try define(&model, "a", "7")
        // b is 5 either way (7 → min 5 vs 2 → 2); from 7 to 8 b stays 5 and c is not recomputed.
        let again = try define(&model, "a", "8")
        #expect(changes.cells.map(\.name) == ["a", "b", "c"])
        #expect(again.cells.map(\.name) == ["a"])
        #expect(again.recomputed == 2)
    }

    @Test("a cycle is refused with its path and the model is unchanged")
    func cycle() throws {
        var model = Model()
        try define(&model, "p", "1")
        try define(&model, "q", "p * 2")
        try define(&model, "r", "q + 1")
        #expect {
            try define(&model, "p", "r - 1")
        } throws: { error in
            (error as? Diagnostic)?.message == "cycle: p → r → q → p"
        }
        #expect(model.value(of: "p") == .plain(1))
        #expect(model.value(of: "r") == .plain(3))
    }

    @Test("a change that breaks a downstream cell is refused atomically")
    func atomic() throws {
        var model = Model()
        try define(&model, "base", "5")
        try define(&model, "user", "10 / (base - 4)")
        #expect(throws: Diagnostic.self) { try define(&model, "base", "4") }
        #expect(model.value(of: "base") == .plain(5))
        #expect(model.value(of: "user") == .plain(10))
        #expect(throws: Diagnostic.self) { try define(&model, "base", "$5 + 3 min") }
        #expect(model.cellNames == ["base", "user"])
    }

    @Test("delete is refused while a cell is used")
    func delete() throws {
        var model = Model()
        let file = SourceFile(name: nil, text: "")
        try define(&model, "a", "1")
        try define(&model, "b", "a + 1")
        #expect(throws: Diagnostic.self) { try model.delete("a", span: SourceSpan(start: 0, end: 0), file: file) }
        try model.delete("b", span: SourceSpan(start: 0, end: 0), file: file)
        try model.delete("a", span: SourceSpan(start: 0, end: 0), file: file)
        #expect(model.cellNames.isEmpty)
    }

    @Test("a root change reaches a long chain; a leaf change recomputes only the leaf")
    func longChain() throws {
        var model = Model()
        try define(&model, "x0", "1")
        for index in 1..<2_000 { try define(&model, "x\(index)", "x\(index - 1) + 1") }
        let root = try define(&model, "x0", "2")
        #expect(root.recomputed == 2_000)
        let leaf = try define(&model, "x1999", "x1998 + 2")
        #expect(leaf.recomputed == 1)
    }

    @Test("alerts switch on and off in the change set")
    func alerts() throws {
        var model = Model()
        try define(&model, "a", "1")
        let file = SourceFile(name: nil, text: "a > 5")
        let condition = try Parser.parseExpression(file)
        _ = try model.defineAlert("big", condition: condition, span: condition.span, file: file)
        #expect(try define(&model, "a", "10").alertsOn == ["big"])
        #expect(try define(&model, "a", "2").alertsOff == ["big"])
    }
}
