import Foundation
import PropertyBased
import Testing

/// Runs a law over generated cases with a fixed seed, so that CI sees the same cases every run.
///
/// `propertyCheck` from PropertyBased draws every case from the system's random generator and its
/// `.fixedSeed` trait is for reproducing one failure (it records an issue even when the test passes), so
/// the laws drive PropertyBased's generators with their own seeded `Xoshiro`:
/// - `LAWS_SEED=N` picks another seed (`LAWS_SEED=random`: a new one each run, printed when a law fails);
/// - `LAWS_ITERATIONS=N` runs N cases of every law instead of its default (`make laws` runs 2,000);
/// - `LAWS_CASE=I` runs only case I (what a failure report says to set).
///
/// A failing plan is shrunk (statements removed while the law still fails) and reported as a script.
enum LawRunner {
    /// The seed of this run.
    static let seed: UInt64 = {
        let text = ProcessInfo.processInfo.environment["LAWS_SEED"] ?? ""
        if text == "random" { return UInt64.random(in: 1...UInt64.max) }
        return UInt64(text) ?? 20_250_613
    }()

    /// The number of cases to run, `standard` unless `LAWS_ITERATIONS` says otherwise.
    static func cases(_ standard: Int) -> Int {
        Int(ProcessInfo.processInfo.environment["LAWS_ITERATIONS"] ?? "") ?? standard
    }

    /// The one case to run, when `LAWS_CASE` names it.
    static let onlyCase = Int(ProcessInfo.processInfo.environment["LAWS_CASE"] ?? "")

    /// The generator state of case `index`: each case is reproducible on its own.
    static func random(case index: Int) -> Xoshiro {
        var rng = Xoshiro(seed: (seed, UInt64(index), 0x2545_F491_4F6C_DD1D, 0x9E37_79B9_7F4A_7C15))
        for _ in 0..<8 { _ = rng.next() }
        return rng
    }

    /// Checks `law` on `count` plans; the law returns nil when it holds, else what went wrong.
    static func check(
        _ name: String, count: Int, plans: Generator<Plan, some Sequence>, law: (Plan) -> String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        check(name, count: count, inputs: plans, law: law, shrink: shrink, sourceLocation: sourceLocation)
    }

    /// Checks `law` on `count` inputs, shrinking a failing one with `shrink`.
    static func check<Input: CustomStringConvertible>(
        _ name: String, count: Int, inputs: Generator<Input, some Sequence>, law: (Input) -> String?,
        shrink: (Input, (Input) -> String?) -> Input = { input, _ in input },
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let indices = onlyCase.map { [$0] } ?? Array(0..<cases(count))
        for index in indices {
            var rng = random(case: index)
            let input = inputs.run(using: &rng)
            guard let failure = law(input) else { continue }
            let small = withoutActuallyEscaping(law) { law in shrink(input, law) }
            let smallFailure = law(small) ?? failure
            Issue.record(
                """
                law broken: \(name)
                \(smallFailure)
                case \(index) of seed \(seed) (rerun: LAWS_SEED=\(seed) LAWS_CASE=\(index)); shrunk input:
                \(small)
                """, sourceLocation: sourceLocation)
            return
        }
    }

    /// A smaller plan that still breaks the law: statements removed one at a time, from the end, while the law
    /// still fails (at most a few hundred tries).
    static func shrink(_ plan: Plan, _ law: (Plan) -> String?) -> Plan {
        var current = plan
        var tries = 0
        var progress = true
        while progress && tries < 400 {
            progress = false
            var index = current.statements.count - 1
            while index >= 0 && tries < 400 {
                var smaller = current
                smaller.statements.remove(at: index)
                tries += 1
                if law(smaller) != nil {
                    current = smaller
                    progress = true
                }
                index -= 1
            }
        }
        return current
    }
}
