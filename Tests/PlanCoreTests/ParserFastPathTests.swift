import Foundation
import Testing

@testable import PlanCore

/// Everything about a tree, spans included (`dump` walks every field, so two equal texts are equal trees).
private func fullDump(_ expr: Expr) -> String {
    var out = ""
    dump(expr, to: &out)
    return out
}

/// The expressions a statement holds at its top level (where a reader of `Parser.expression()` starts).
private func topLevelExpressions(_ statement: Statement) -> [Expr] {
    var found: [Expr] = []
    switch statement.kind {
    case .define(_, _, let expr), .defineField(_, _, _, _, let expr), .defineFunction(_, _, _, let expr),
        .show(let expr), .assert(let expr, _), .alert(_, let expr):
        found.append(expr)
    case .print(let items): found += items
    default: break
    }
    found += statement.alertDetails.map(\.expr)
    return found
}

/// Every `.plan` file of the presets and the language scripts, with its text.
private func corpus() throws -> [SourceFile] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    var files: [SourceFile] = []
    for folder in ["Presets", "Tests/Scripts", "Tests/Errors"] {
        let base = root.appendingPathComponent(folder).path
        let paths = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
        for path in paths.sorted() where path.hasSuffix(".plan") {
            files.append(SourceFile(name: path, text: try String(contentsOfFile: base + "/" + path, encoding: .utf8)))
        }
    }
    return files
}

/// The result of reading one expression at `offset`: its tree (or error; names and intervals included) and
/// where reading stopped.
private struct Reading: Equatable {
    var tree: String
    var end: Int
}

/// Reads one expression at `offset` of `file`, through the fast path (`expression()`) or the full descent
/// from the lowest level (`conversion(seed: nil)`), which is what `expression()` was before the fast path.
private func read(_ file: SourceFile, at offset: Int, fast: Bool) -> Reading {
    var parser = Parser(file, from: offset)
    do throws(EvalError) {
        let expr: Expr
        if fast {
            expr = try parser.expression()
        } else {
            try parser.enter(try parser.peek().span)
            expr = try parser.conversion(seed: nil)
            parser.leave()
        }
        return Reading(tree: fullDump(expr), end: parser.previousEnd)
    } catch {
        return Reading(tree: "error \(error.message) \(String(describing: error.span))", end: -1)
    }
}

@Suite("Parser fast paths")
struct ParserFastPathTests {
    @Test(
        "the expression fast path builds the full descent's tree",
        arguments: [
            "a", "a + b * c", "a to b", "a + 1 to b * 2", "a < b", "a < b and c or d", "not a < b", "not not a",
            "if c then a else b", "if c then a else b in h", "x in h in min", "a to b in $", "-a^2.b",
            "a == b", "a != b to c", "a or b and not c == d", "f(a to b, c < d)", "(a or b) and c", "a <= b <= c",
            "a +", "a to", "a in", "a or", "not", "a < b < c", "{k: a or b}.k", "$5 per ticket to $6 per ticket",
        ])
    func fastPathSameTree(text: String) {
        let file = SourceFile(name: nil, text: text)
        #expect(read(file, at: 0, fast: true) == read(file, at: 0, fast: false), "\(text)")
    }

    @Test("over every formula of the presets and scripts, the fast path and the full descent agree")
    func fastPathCorpus() throws {
        let checked = try forEachFormula { file, expr in
            let fast = read(file, at: expr.span.start, fast: true)
            #expect(fast == read(file, at: expr.span.start, fast: false), "\(file.text(of: expr.span))")
            // The statement's own tree is the one read again from its span.
            #expect(fast.tree == fullDump(expr), "\(file.name ?? ""): \(file.text(of: expr.span))")
        }
        #expect(checked > 1_000)
    }

    @Test("every formula of the presets and scripts reads back from its span, spans and all")
    func reparseCorpus() throws {
        let checked = try forEachFormula { file, expr in
            let again = Parser.reparseExpression(in: file, at: expr.span)
            #expect(again.map(fullDump) == fullDump(expr), "\(file.text(of: expr.span))")
        }
        #expect(checked > 1_000)
    }

    /// Calls `body` with every top-level formula of the corpus; how many there were.
    private func forEachFormula(_ body: (SourceFile, Expr) -> Void) throws -> Int {
        var checked = 0
        for file in try corpus() {
            var parser = Parser(file)
            while let statement = try? parser.nextStatement() {
                for expr in topLevelExpressions(statement) {
                    checked += 1
                    body(file, expr)
                }
            }
        }
        return checked
    }

    @Test("tokens carry no text: names, strings, docs and commands are read from the file")
    func tokenText() throws {
        let file = SourceFile(name: nil, text: "## a doc  \nwithin \"a\\tb\" x_1\n:show  x \n")
        var lexer = Lexer(file)
        let doc = try lexer.next()
        #expect(doc.kind == .doc && doc.value(in: file) == "a doc")
        #expect(try lexer.next().kind == .newline)
        let word = try lexer.next()
        #expect(word.isIdentifier && word.identifier(in: file) == "within")
        #expect(word.isWord("within", in: file) && !word.isWord("withi", in: file) && !word.isWord("show", in: file))
        #expect(word.description(in: file) == "`within`")
        let string = try lexer.next()
        #expect(string.kind == .string && string.value(in: file) == "a\tb" && string.identifier(in: file) == nil)
        #expect(string.description(in: file) == "a string")
        let name = try lexer.next()
        #expect(name.identifier(in: file) == "x_1" && name.span == SourceSpan(start: 25, end: 28))
        #expect(try lexer.next().kind == .newline)
        let command = try lexer.next()
        #expect(command.kind == .command && command.value(in: file) == ":show  x")
    }

    @Test("every keyword is matched from its spelling, and nothing else is")
    func keywordMatch() {
        for word in Keyword.allCases {
            #expect(Keyword.match(word.rawValue) == word)
            #expect(Keyword.match(word.rawValue + "s") == nil)
            #expect(Keyword.match(String(word.rawValue.dropLast())) == nil)
        }
        #expect(Keyword.match("") == nil && Keyword.match("x") == nil && Keyword.match("timeline") == nil)
    }

    @Test("chains of every length keep their links in order", arguments: [1, 2, 3, 4, 5, 9])
    func chainLengths(links: Int) throws {
        let text = (0...links).map { "x\($0)" }.joined(separator: " * ")
        let expr = try Parser.parseExpression(SourceFile(name: nil, text: text))
        guard let (first, chain) = expr.chainParts else {
            Issue.record("expected a chain")
            return
        }
        // One link is a `.binary` (one box), more a flat `.chain`.
        if case .binary = expr.kind { #expect(links == 1) } else { #expect(links > 1) }
        #expect(first.hasSameTree(as: Expr(.name("x0"), first.span)))
        #expect(chain.count == links)
        for (index, link) in chain.enumerated() {
            #expect(link.rhs.hasSameTree(as: Expr(.name("x\(index + 1)"), link.rhs.span)))
            #expect(file(text).text(of: link.rhs.span) == "x\(index + 1)")
        }
    }
}

private func file(_ text: String) -> SourceFile { SourceFile(name: nil, text: text) }
