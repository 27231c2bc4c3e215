/// The nodes that use one node (an edge of the dependency graph reversed), in the order they were added.
///
/// Most nodes have one or two users: those are stored inline, the rest in an array. A model keeps one list per
/// node, side by side, so walking a large model's graph downstream of a change reads them in sequence instead
/// of chasing a pointer to a separate array per node (a cache miss each, most of a 100,000-cell walk).
struct Users: Sendable, Equatable, RandomAccessCollection {
    private var first: Int32 = -1
    private var second: Int32 = -1
    /// The users after the first two.
    private var rest: [Int] = []

    /// No users.
    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { first < 0 ? 0 : second < 0 ? 1 : 2 + rest.count }

    subscript(position: Int) -> Int {
        switch position {
        case 0: return Int(first)
        case 1: return Int(second)
        default: return rest[position - 2]
        }
    }

    /// Adds a user at the end.
    mutating func append(_ user: Int) {
        if first < 0 {
            first = Int32(clamping: user)
        } else if second < 0 {
            second = Int32(clamping: user)
        } else {
            rest.append(user)
        }
    }

    /// Removes the first occurrence of a user, keeping the others in order.
    mutating func remove(_ user: Int) {
        guard let index = firstIndex(of: user) else { return }
        var kept = Array(self)
        kept.remove(at: index)
        self = Users()
        for other in kept { append(other) }
    }
}
