/// "Did you mean …?": the nearest known name by Damerau–Levenshtein distance, with a cap.
public enum Suggestion {
    /// The closest candidate within a distance that grows with the name's length, or nil.
    public static func closest<S: Sequence>(to name: String, among candidates: S) -> String?
    where S.Element == String {
        let target = Array(name.lowercased().utf8)
        let cap = max(1, min(3, target.count / 3 + 1))
        var best: (String, Int)?
        for candidate in candidates where candidate != name {
            let chars = Array(candidate.lowercased().utf8)
            if abs(chars.count - target.count) > cap { continue }
            let distance = Self.distance(target, chars, cap: cap)
            if distance <= cap, best.map({ distance < $0.1 || (distance == $0.1 && candidate < $0.0) }) ?? true {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// The optimal-string-alignment distance between two byte strings (stops early past `cap`).
    public static func distance(_ a: [UInt8], _ b: [UInt8], cap: Int = Int.max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > cap { return rowMinimum }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// A hint sentence for an unknown name, or nil when nothing is close.
    public static func hint<S: Sequence>(for name: String, among candidates: S) -> String? where S.Element == String {
        closest(to: name, among: candidates).map { "did you mean `\($0)`?" }
    }
}
