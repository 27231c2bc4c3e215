import Foundation
import PlanCore
import PlanGraph
import PlanSession
import SupportEconomics

/// Sessions, statements and snapshots for the laws.
enum Harness {
    /// A session over the source tree's presets that keeps its output, started empty (`:reset` empties it).
    static func session(interactive: Bool) -> Session {
        let locator = PresetLocator(
            environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
            listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
        let session = Session(output: BufferedOutput(), locator: locator)
        session.interactive = interactive
        session.startedEmpty = true
        session.samples = 200
        return session
    }

    /// Runs one entry; true when it was accepted (an assert that fails is accepted: it changes nothing).
    @discardableResult
    static func run(_ text: String, in session: Session) -> Bool {
        let status = session.run(SourceFile(name: "law.plan", text: text))
        return status == .success || status == .assertionFailed
    }

    /// True when the entry is a step `:undo` takes back once accepted: a change of the model, or a command
    /// that changes it (`:watch`, `:unwatch`, `:reset`, `:load`, `:scenario load`).
    static func isUndoStep(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " }
        if trimmed.hasPrefix(":") {
            let name = trimmed.dropFirst().prefix { $0 != " " }
            if name == "scenario" { return trimmed.contains(" load ") }
            return ["watch", "unwatch", "reset", "load"].contains(String(name))
        }
        guard let statement = try? Parser.parseAll(SourceFile(name: nil, text: text)).first else { return false }
        switch statement.kind {
        case .show, .print, .assert, .command: return false
        default: return true
        }
    }

    /// The standard model's cells the generator may use, with what they measure.
    static let standardCells: [CellInfo] = {
        let loaded = Harness.session(interactive: false)
        _ = loaded.loadPreset("standard", report: false)
        let model = loaded.model
        return model.cellNames.compactMap { name -> CellInfo? in
            guard let node = model.cell(name), let value = model.value(of: name), !value.isSeries else { return nil }
            var unit: PlanCore.Unit
            var isRecord = false
            switch value {
            case .number(_, let own): unit = own
            case .record(let record):
                guard case .number(_, let own)? = record.values.first, record.keys == tiers else { return nil }
                unit = own
                isRecord = true
            default: return nil
            }
            let kind = Kind.of(
                money: unit.exponent(of: .money), time: unit.exponent(of: .time),
                contacts: unit.exponent(of: .contacts),
                others: abs(unit.exponent(of: .agents)) + abs(unit.exponent(of: .customers)), percent: unit.percent)
            guard let kind else { return nil }
            var isLiteral = false
            if case .record = node.expr.kind { isLiteral = true }
            return CellInfo(name: name, kind: kind, isRecord: isRecord, isSeries: false, isRecordLiteral: isLiteral)
        }
    }()
}

/// Everything a model holds that a planner sees: cells (definition, doc, value), functions, alerts and their
/// state, watches, the report's rows, the timeline, the scenario's name.
struct ModelSnapshot {
    var cells: [(name: String, definition: String, doc: [String], value: Value?)]
    var functions: [String]
    var alerts: [(message: String, on: Bool)]
    var watches: [String]
    var report: String?
    var timeline: Timeline?
    var scenario: String

    init(_ session: Session) {
        let model = session.model
        cells = model.cellNames.map { name in
            let node = model.cell(name)
            return (name, node?.definition ?? "", node?.doc ?? [], model.value(of: name))
        }
        functions = model.functionNames.map { model.function($0)?.definition ?? "" }
        alerts = model.alerts
        watches = model.watches
        report = model.report?.statement
        timeline = model.timeline
        scenario = session.scenario
    }

    /// The first difference from `other` in words, or nil when both hold the same, values bit for bit.
    ///
    /// With `formulas: false`, definitions and docs are not compared (a model rebuilt from scratch writes
    /// each cell once). With `ordered: false`, cells are matched by name (a saved or rebuilt model defines them in dependency
    /// order, not in the order they were first defined).
    func difference(from other: ModelSnapshot, formulas: Bool = true, ordered: Bool = true) -> String? {
        let mine = ordered ? cells : cells.sorted { $0.name < $1.name }
        let theirs = ordered ? other.cells : other.cells.sorted { $0.name < $1.name }
        if mine.map(\.name) != theirs.map(\.name) {
            return "cells differ: \(Self.diff(mine.map(\.name), theirs.map(\.name)))"
        }
        for (mine, theirs) in zip(mine, theirs) {
            if formulas && mine.definition != theirs.definition {
                return "`\(mine.name)` is `\(mine.definition)`, was `\(theirs.definition)`"
            }
            if formulas && mine.doc != theirs.doc { return "`\(mine.name)`'s doc is \(mine.doc), was \(theirs.doc)" }
            let same =
                switch (mine.value, theirs.value) {
                case (nil, nil): true
                case (let a?, let b?): a.isIdentical(to: b)
                default: false
                }
            if !same {
                return "`\(mine.name)` = \(Self.show(mine.value)), was \(Self.show(theirs.value))"
            }
        }
        if formulas && (ordered ? functions != other.functions : functions.sorted() != other.functions.sorted()) {
            return "functions \(functions), were \(other.functions)"
        }
        let myAlerts = ordered ? alerts : alerts.sorted { $0.message < $1.message }
        let theirAlerts = ordered ? other.alerts : other.alerts.sorted { $0.message < $1.message }
        if myAlerts.map(\.message) != theirAlerts.map(\.message) || myAlerts.map(\.on) != theirAlerts.map(\.on) {
            return "alerts \(myAlerts), were \(theirAlerts)"
        }
        if watches != other.watches { return "watches \(watches), were \(other.watches)" }
        if formulas && report != other.report {
            return "report \(report ?? "none"), was \(other.report ?? "none")"
        }
        if timeline != other.timeline {
            return "timeline \(String(describing: timeline)), was \(String(describing: other.timeline))"
        }
        return nil
    }

    /// A value in full (every bit of a number shows in its debug description).
    static func show(_ value: Value?) -> String {
        guard let value else { return "nothing" }
        return String(reflecting: value)
    }

    private static func diff(_ mine: [String], _ theirs: [String]) -> String {
        let extra = mine.filter { !theirs.contains($0) }
        let missing = theirs.filter { !mine.contains($0) }
        return "now also \(extra), now without \(missing)" + (extra.isEmpty && missing.isEmpty ? " (order)" : "")
    }
}
