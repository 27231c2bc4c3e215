public import PlanCore

/// The numerical methods behind goal seek and optimisation, over any function of one variable.
///
/// Functions may be undefined at some points (NaN: the model refused the value or the target failed),
/// non-monotone and non-smooth; they may throw only to stop the search (Ctrl-C).
public enum WhatIfSearch {
    /// A function searched over: the objective at `x`, NaN where undefined.
    public typealias Function = (Double) throws(EvalError) -> Double

    /// `count` evenly spaced values from `low` to `high`, both ends included exactly.
    public static func grid(from low: Double, to high: Double, count: Int) -> [Double] {
        guard count > 1 else { return [low] }
        let step = (high - low) / Double(count - 1)
        if !step.isFinite {
            // The range is wider than the largest double (−1e308 to 1e308): step on halves.
            let halfStep = (high / 2 - low / 2) / Double(count - 1)
            return (0..<count).map { (index: Int) -> Double in
                if index == 0 { return low }
                if index == count - 1 { return high }
                let half: Double = low / 2 + Double(index) * halfStep
                return half * 2
            }
        }
        return (0..<count).map { index in
            index == count - 1 ? high : index == 0 ? low : low + Double(index) * step
        }
    }

    /// A bracket of a root: `f(a)` and `f(b)` have opposite signs (or one is zero).
    public struct Bracket: Sendable, Equatable {
        /// One end.
        public var a: Double
        /// f at `a`.
        public var fa: Double
        /// The other end.
        public var b: Double
        /// f at `b`.
        public var fb: Double

        /// Creates a bracket.
        public init(a: Double, fa: Double, b: Double, fb: Double) {
            self.a = a
            self.fa = fa
            self.b = b
            self.fb = fb
        }
    }

    /// The brackets of sign changes between consecutive finite samples `(x, f(x))`, in order.
    ///
    /// An exact zero gives a bracket of width zero; a run of zeros counts once. Undefined points (NaN)
    /// are skipped: the change is looked for between the finite neighbours on either side.
    public static func signChanges(_ points: [(x: Double, y: Double)]) -> [Bracket] {
        var brackets: [Bracket] = []
        var previous: (x: Double, y: Double)?
        for point in points where point.y.isFinite {
            if point.y == 0 {
                if previous?.y != 0 { brackets.append(Bracket(a: point.x, fa: 0, b: point.x, fb: 0)) }
            } else if let previous, previous.y != 0, (previous.y < 0) != (point.y < 0) {
                brackets.append(Bracket(a: previous.x, fa: previous.y, b: point.x, fb: point.y))
            }
            previous = point
        }
        return brackets
    }

    /// A root found by `findRoot`: the point, f there, and the final bracket `[x, other]`.
    public struct Root: Sendable, Equatable {
        /// The best estimate of the root (the end of the final bracket where |f| is smaller).
        public var x: Double
        /// f at `x`.
        public var fx: Double
        /// The other end of the final bracket (f has the other sign there).
        public var other: Double
        /// f at `other`.
        public var fOther: Double
    }

    /// Brent's method (inverse quadratic interpolation, secant and bisection) on a sign-change bracket,
    /// to `tolerance` in x (0: full double precision).
    ///
    /// Throws when f is undefined at a point inside the bracket (it cannot tell which side holds the root).
    public static func findRoot(_ f: Function, in bracket: Bracket, tolerance: Double = 0) throws(EvalError) -> Root {
        var a = bracket.a
        var fa = bracket.fa
        var b = bracket.b
        var fb = bracket.fb
        if fa == 0 { return Root(x: a, fx: 0, other: a, fOther: 0) }
        if fb == 0 { return Root(x: b, fx: 0, other: b, fOther: 0) }
        var c = a
        var fc = fa
        var d = b - a
        var e = d
        for _ in 0..<300 {
            if (fb > 0) == (fc > 0) {
                c = a
                fc = fa
                d = b - a
                e = d
            }
            if abs(fc) < abs(fb) {
                a = b
                b = c
                c = a
                fa = fb
                fb = fc
                fc = fa
            }
            let tol = 2 * Double.ulpOfOne * abs(b) + 0.5 * tolerance
            let middle = 0.5 * (c - b)
            if abs(middle) <= tol || fb == 0 { break }
            if abs(e) >= tol && abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double
                var q: Double
                if a == c {
                    p = 2 * middle * s
                    q = 1 - s
                } else {
                    let qa = fa / fc
                    let r = fb / fc
                    p = s * (2 * middle * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * middle * q - abs(tol * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = middle
                    e = d
                }
            } else {
                d = middle
                e = d
            }
            a = b
            fa = fb
            b += abs(d) > tol ? d : (middle > 0 ? tol : -tol)
            fb = try f(b)
            if fb.isNaN {
                throw EvalError("the target cannot be evaluated at a point between the ends of the search")
            }
        }
        if (fb > 0) == (fc > 0) && fb != 0 { return Root(x: b, fx: fb, other: b, fOther: fb) }
        return abs(fb) <= abs(fc) ? Root(x: b, fx: fb, other: c, fOther: fc) : Root(x: c, fx: fc, other: b, fOther: fb)
    }

    /// Brent's minimisation of f on `[low, high]` (golden section with parabolic steps).
    ///
    /// It starts from a known point `start` with value `fStart` and returns the best point seen; NaN
    /// counts as +infinity. `tolerance` is absolute in x; precision is also limited to about √ε
    /// relative (f is flat at a minimum).
    public static func minimize(
        _ f: Function, low: Double, high: Double, start: Double, fStart: Double, tolerance: Double
    ) throws(EvalError) -> (x: Double, fx: Double) {
        let golden = 0.381_966_011_250_105_1
        let rootEpsilon = Double.ulpOfOne.squareRoot()
        var a = min(low, high)
        var b = max(low, high)
        var x = min(max(start, a), b)
        var fx = fStart.isNaN ? Double.infinity : fStart
        var w = x
        var v = x
        var fw = fx
        var fv = fx
        var d = 0.0
        var e = 0.0
        for _ in 0..<500 {
            let middle = 0.5 * (a + b)
            let tol1 = rootEpsilon * abs(x) + tolerance / 3
            let tol2 = 2 * tol1
            if abs(x - middle) <= tol2 - 0.5 * (b - a) { break }
            var useGolden = true
            if abs(e) > tol1 {
                var r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p }
                q = abs(q)
                r = e
                e = d
                if abs(p) < abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x) {
                    d = p / q
                    let u = x + d
                    if u - a < tol2 || b - u < tol2 { d = middle >= x ? tol1 : -tol1 }
                    useGolden = false
                }
            }
            if useGolden {
                e = x >= middle ? a - x : b - x
                d = golden * e
            }
            let u = abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1)
            var fu = try f(u)
            if fu.isNaN { fu = .infinity }
            if fu <= fx {
                if u >= x { a = x } else { b = x }
                v = w
                fv = fw
                w = x
                fw = fx
                x = u
                fx = fu
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    v = w
                    fv = fw
                    w = u
                    fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u
                    fv = fu
                }
            }
        }
        return (x, fx)
    }
}
