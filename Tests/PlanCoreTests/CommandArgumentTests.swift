import PlanCore
import Testing

/// The grammar of `:goalseek`, as the command table declares it.
private let goalseek: [ArgumentGrammar] = [
    .expression(key: "objective", what: "an expression"), .keyword("="),
    .expression(key: "target", what: "the value to reach"), .keyword("by"),
    .cell(key: "input", what: "the input", offers: .cells),
    .optional([.keyword("in"), .range(key: "range", what: "a range")]),
]

/// The grammar of `:sweep` (one or two axes, outputs after `show`).
private let axis: [ArgumentGrammar] = [
    .cell(key: "input", what: "the input", offers: .cells), .keyword("from"),
    .range(key: "range", what: "a range"),
    .optional([.keyword("steps"), .number(key: "count", what: "a number of steps")]),
]
private let sweep: [ArgumentGrammar] =
    axis + [
        .optional([.keyword("and")] + axis),
        .optional([.keyword("show"), .expressions(key: "output", what: "an expression")]),
    ]

/// Parses `text` (a whole command line) with `grammar`, arguments from after the command's name.
private func parse(_ grammar: [ArgumentGrammar], _ text: String) throws(EvalError) -> CommandArguments {
    let file = SourceFile(name: nil, text: text)
    let nameEnd = file.bytes.firstIndex(of: UInt8(ascii: " ")) ?? file.bytes.count
    return try Parser.parseCommandArguments(grammar, in: file, from: nameEnd)
}

/// What may come next at the end of `text`.
private func expected(_ grammar: [ArgumentGrammar], _ text: String) -> [ArgumentExpectation] {
    let file = SourceFile(name: nil, text: text)
    let nameEnd = file.bytes.firstIndex(of: UInt8(ascii: " ")) ?? file.bytes.count
    return Parser.expectedCommandArguments(grammar, in: file, from: nameEnd)
}

/// The error `text` gives, or nil.
private func failure(_ grammar: [ArgumentGrammar], _ text: String) -> EvalError? {
    do {
        _ = try parse(grammar, text)
        return nil
    } catch {
        return error
    }
}

/// The source text a span covers in `text`.
private func covered(_ text: String, _ span: SourceSpan?) -> String {
    guard let span else { return "<no span>" }
    return SourceFile(name: nil, text: text).text(of: span)
}

@Suite("Command arguments")
struct CommandArgumentTests {
    @Test("goal seek: expressions end where the language's grammar ends them; typed nodes with spans")
    func goalSeek() throws {
        let text = ":goalseek net_value = savings * 90% by churn_per_bad_contact in 0% to 50%"
        let arguments = try parse(goalseek, text)
        let objective = try #require(arguments.expression("objective"))
        #expect(covered(text, objective.span) == "net_value")
        let target = try #require(arguments.expression("target"))
        #expect(covered(text, target.span) == "savings * 90%")
        let input = try #require(arguments.cell("input"))
        #expect(input.name == "churn_per_bad_contact" && input.field == nil)
        #expect(covered(text, input.nameSpan) == "churn_per_bad_contact")
        guard case .range(let low, let high)? = arguments["range"]?.value else {
            Issue.record("no range")
            return
        }
        #expect(covered(text, low.span) == "0%")
        #expect(covered(text, high.span) == "50%")
        #expect(arguments.has("in") && arguments.has("by"))
    }

    @Test("a cell with a field, a prob() objective, no range")
    func fieldAndProbability() throws {
        let text = ":goalseek prob(net_value < $0) = 5% by mix.complex"
        let arguments = try parse(goalseek, text)
        guard case .call("prob", _, let args)? = arguments.expression("objective")?.kind else {
            Issue.record("expected prob(…)")
            return
        }
        #expect(args.count == 1)
        let input = try #require(arguments.cell("input"))
        #expect(input.text == "mix.complex")
        #expect(covered(text, input.fieldSpan) == "complex")
        #expect(arguments["range"] == nil)
    }

    @Test("a two-way sweep: `and` ends the first range; `show` and `steps` may name cells inside expressions")
    func twoWaySweep() throws {
        let text = ":sweep price from $10 to $30 steps 3 and volume from steps to show + 1 show profit / show, risk"
        let arguments = try parse(sweep, text)
        #expect(arguments.all("input").count == 2)
        #expect(arguments.all("range").count == 2)
        guard case .number(3, let digits)? = arguments["count"]?.value else {
            Issue.record("expected steps 3")
            return
        }
        #expect(digits == "3")
        guard case .range(let low, let high)? = arguments.all("range").last?.value else {
            Issue.record("no second range")
            return
        }
        #expect(covered(text, low.span) == "steps")
        #expect(covered(text, high.span) == "show + 1")
        #expect(arguments.all("output").map { covered(text, $0.span) } == ["profit / show", "risk"])
    }

    @Test("paths: quoted with \" or ', bare with escaped blanks, ~ kept for the session")
    func paths() throws {
        let grammar: [ArgumentGrammar] = [.path(key: "file", what: "a file", offers: .files)]
        #expect(try parse(grammar, ":save \"my plan.plan\"").path("file") == "my plan.plan")
        #expect(try parse(grammar, ":save 'a b.plan'").path("file") == "a b.plan")
        #expect(try parse(grammar, ":save my\\ plan.plan").path("file") == "my plan.plan")
        #expect(try parse(grammar, ":save ~/plans/q3.plan").path("file") == "~/plans/q3.plan")
        #expect(try parse(grammar, ":save out,1.plan").path("file") == "out,1.plan")
        #expect(failure(grammar, ":save 'open")?.message == "unterminated quote")
        // `#` after a blank starts a comment, as in statements; inside a name or quotes it does not.
        #expect(try parse(grammar, ":save a#b.plan # the quarter").path("file") == "a#b.plan")
        #expect(try parse(grammar, ":save \"x #1.plan\"  # note").path("file") == "x #1.plan")
        let table: [ArgumentGrammar] = [.expressions(key: "column", what: "an expression")]
        #expect(try parse(table, ":table mix, aht # per tier").all("column").count == 2)
    }

    @Test("words, numbers with scale suffixes, choices and branches")
    func wordsAndChoices() throws {
        let set: [ArgumentGrammar] = [
            .branches(
                key: "setting",
                [
                    ArgumentBranch("samples", [.number(key: "value", what: "a number")]),
                    ArgumentBranch("timing", [.choice(key: "value", words: ["on", "off"])]),
                ])
        ]
        #expect(try parse(set, ":set samples 10k").number("value")?.value == 10_000)
        #expect(try parse(set, ":set samples 1_000").number("value")?.text == "1_000")
        #expect(try parse(set, ":set timing on").word("value") == "on")
        let wrong = failure(set, ":set timing maybe")
        #expect(wrong?.kind == .usage)
        #expect(covered(":set timing maybe", wrong?.span) == "maybe")
        let compare: [ArgumentGrammar] = [
            .word(key: "scenario", what: "a scenario", offers: .scenarios),
            .repeating([.word(key: "scenario", what: "a scenario", offers: .scenarios)]),
        ]
        #expect(try parse(compare, ":compare a, b c").all("scenario").count == 3)
        // Repeated words stop at the keyword that starts what follows (`show`), which a lone word before
        // them cannot be mistaken for.
        let shown = compare + [.optional([.keyword("show"), .expressions(key: "output", what: "an expression")])]
        let arguments = try parse(shown, ":compare a b show csat_tier, rehired_fte")
        #expect(arguments.all("scenario").count == 2)
        #expect(arguments.all("output").count == 2)
        #expect(try parse(shown, ":compare a b c").all("scenario").count == 3)
        #expect(try parse(shown, ":compare show b").all("scenario").count == 2)
        #expect(failure(shown, ":compare a b show")?.message.hasPrefix("expected") == true)
    }

    @Test("errors point at the argument: a missing one just past the end, extra text at itself")
    func errorSpans() {
        let missing = failure(goalseek, ":goalseek y = 4")
        #expect(missing?.message == "expected `by`")
        #expect(missing?.span == SourceSpan(start: 15, end: 15))
        let wrong = failure(goalseek, ":goalseek y = 4 x")
        #expect(wrong?.message == "expected `by`, found `x`")
        #expect(covered(":goalseek y = 4 x", wrong?.span) == "x")
        let extra = failure([], ":undo now please")
        #expect(extra?.message == "unexpected `now please`")
        #expect(covered(":undo now please", extra?.span) == "now please")
        let notRange = failure(sweep, ":sweep x from 1 and y")
        #expect(covered(":sweep x from 1 and y", notRange?.span) == "1")
        let cells: [ArgumentGrammar] = [.cells(key: "cell", what: "a cell", offers: .cells)]
        #expect(failure(cells, ":watch a,")?.message == "expected a cell")
    }

    @Test("completion: what may come next where the text ends")
    func completion() {
        #expect(expected(goalseek, ":goalseek ") == [.candidates(.names)])
        #expect(expected(goalseek, ":goalseek net_value ") == [.words(["="])])
        #expect(expected(goalseek, ":goalseek net_value = $0 ") == [.words(["by"])])
        #expect(expected(goalseek, ":goalseek net_value = $0 by ") == [.candidates(.cells)])
        #expect(expected(goalseek, ":goalseek net_value = $0 by x ") == [.words(["in"])])
        #expect(expected(goalseek, ":goalseek net_value = savings * ") == [.candidates(.names)])
        #expect(expected(sweep, ":sweep x from 1 to 2 ") == [.words(["steps"]), .words(["and"]), .words(["show"])])
        #expect(expected(sweep, ":sweep x from 1 ") == [.words(["to"])])
        #expect(expected(goalseek, ":goalseek ) ").isEmpty)
        let export: [ArgumentGrammar] = [
            .choice(key: "format", words: ["csv", "json", "md"]), .path(key: "file", what: "a file", offers: .files),
        ]
        #expect(expected(export, ":export ") == [.words(["csv", "json", "md"])])
        #expect(expected(export, ":export csv ") == [.candidates(.files)])
        let cells: [ArgumentGrammar] = [.cells(key: "cell", what: "a cell", offers: .watchedCells)]
        #expect(expected(cells, ":unwatch a, ") == [.candidates(.watchedCells)])
    }

    @Test("the report statement: rows of cells, labelled expressions and before → after pairs")
    func reportStatement() throws {
        let text = "report savings, \"risk / savings\": risk / savings in %, \"FTE\": baseline_fte to hybrid_fte"
        let statements = try Parser.parseAll(SourceFile(name: nil, text: text))
        guard case .report(let rows)? = statements.first?.kind else {
            Issue.record("expected a report statement")
            return
        }
        #expect(rows.count == 3)
        #expect(rows.map(\.label) == [nil, "risk / savings", "FTE"])
        #expect(covered(text, rows[1].value.span) == "risk / savings in %")
        #expect(covered(text, rows[2].after?.span) == "hybrid_fte")
        #expect(covered(text, rows[2].span) == "\"FTE\": baseline_fte to hybrid_fte")
        // `report` is a keyword only before a name or a string: a cell may be called `report`.
        let cell = try Parser.parseAll(SourceFile(name: nil, text: "report = 3\nreport * 2\nreport"))
        guard case .define("report", _, _) = cell[0].kind, case .show = cell[1].kind, case .show = cell[2].kind else {
            Issue.record("`report` as a cell name")
            return
        }
    }
}
