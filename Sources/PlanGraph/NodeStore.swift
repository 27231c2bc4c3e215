import PlanCore

/// The model's nodes by id, and their values beside them: arrays in chunks of 1,024 that copies of the model
/// share until one of them writes to a chunk.
///
/// The REPL keeps the model before each change for `:undo`, so the first write after a change used to copy the
/// whole node array (100,000 nodes, every field retained: ~20 ms, whatever the change). Now a write copies one
/// chunk. Reads go through `_read`, and `value(at:)` / `withNode(_:_:)` read a node in place (a plain copy of a
/// node retains every field).
///
/// Values are kept beside the nodes, not in them: a recalculation writes values only, so after a change at the
/// root of a large model the undo step shares every node with the model before it, and only the values (32 bytes
/// each, against a node's 100 and its retained fields) are copied and later freed.
public struct NodeStore: RandomAccessCollection, Sendable {
    /// One chunk of nodes and their values.
    ///
    /// Written only while uniquely referenced (the store copies a shared chunk first, which shares both arrays until
    /// one is written), so a chunk another copy of the model reads, on any thread, is never written: hence
    /// `@unchecked Sendable`.
    final class Chunk: @unchecked Sendable {
        var nodes: [Node?]
        var values: [Value?]

        init(_ nodes: [Node?], _ values: [Value?]) {
            self.nodes = nodes
            self.values = values
        }
    }

    static let shift = 10
    static let mask = (1 << shift) - 1

    private var chunks: [Chunk] = []
    /// How many nodes (deleted ones included, as nil).
    public private(set) var count = 0
    /// How many nodes draw from a distribution themselves: none, in most models, and then no cell is uncertain
    /// without walking the graph (`Model.isUncertain`).
    private(set) var drawing = 0

    /// No nodes.
    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The node with an id (nil once deleted).
    public subscript(id: Int) -> Node? {
        _read { yield chunks[id >> Self.shift].nodes[id & Self.mask] }
    }

    /// Puts a node in place of the one with an id, keeping its value; nil deletes it and its value.
    mutating func set(_ id: Int, _ node: Node?) {
        let chunk = unique(id)
        if withNode(id, { chunk, index in chunk[index]?.drawsFromDistribution == true }) { drawing -= 1 }
        if node?.drawsFromDistribution == true { drawing += 1 }
        chunks[chunk].nodes[id & Self.mask] = node
        if node == nil { chunks[chunk].values[id & Self.mask] = nil }
    }

    /// Sets the value of the node with an id (a deleted node has none).
    mutating func setValue(_ value: Value?, at id: Int) {
        let chunk = unique(id)
        chunks[chunk].values[id & Self.mask] = value
    }

    /// The chunk of an id, copied first if another copy of the store shares it.
    private mutating func unique(_ id: Int) -> Int {
        let chunk = id >> Self.shift
        if !isKnownUniquelyReferenced(&chunks[chunk]) {
            chunks[chunk] = Chunk(chunks[chunk].nodes, chunks[chunk].values)
        }
        return chunk
    }

    /// Adds a node with the next id, and its value.
    mutating func append(_ node: Node?, value: Value? = nil) {
        if count & Self.mask == 0 {
            var nodes: [Node?] = []
            nodes.reserveCapacity(1 << Self.shift)
            var values: [Value?] = []
            values.reserveCapacity(1 << Self.shift)
            chunks.append(Chunk(nodes, values))
        } else {
            _ = unique(count - 1)
        }
        chunks[chunks.count - 1].nodes.append(node)
        chunks[chunks.count - 1].values.append(value)
        count += 1
        if node?.drawsFromDistribution == true { drawing += 1 }
    }

    /// Removes the last `k` nodes.
    mutating func removeLast(_ k: Int) {
        for _ in 0..<k {
            if withNode(count - 1, { chunk, index in chunk[index]?.drawsFromDistribution == true }) { drawing -= 1 }
            count -= 1
            if count & Self.mask == 0 {
                chunks.removeLast()
            } else {
                let chunk = unique(count)
                chunks[chunk].nodes.removeLast()
                chunks[chunk].values.removeLast()
            }
        }
    }

    /// Reads the node with an id in place: `body` gets its chunk and its index there, and reads fields as
    /// `chunk[index]?.field` (passing the node itself, or binding it with `if let`, would copy it).
    @inline(__always)
    func withNode<Result>(_ id: Int, _ body: (UnsafeBufferPointer<Node?>, Int) throws -> Result) rethrows -> Result {
        try chunks[id >> Self.shift].nodes.withUnsafeBufferPointer { try body($0, id & Self.mask) }
    }

    /// The value of the node with an id, read in place.
    @inline(__always)
    public func value(at id: Int) -> Value? { reader.value(at: id) }

    /// What the interpreter reads of the store, in one word (`NodeTable`, `PassValues`).
    var reader: Reader { Reader(chunks: chunks) }

    /// The store's values and functions by id, for reading only: its chunks, one word.
    struct Reader {
        fileprivate let chunks: [Chunk]

        /// The value of the node with an id.
        @inline(__always)
        func value(at id: Int) -> Value? { chunks[id >> NodeStore.shift].values[id & NodeStore.mask] }

        /// The user function with an id, as the interpreter calls it (nil for any other node).
        func function(at id: Int) -> CompiledFunction? {
            guard let node = chunks[id >> NodeStore.shift].nodes[id & NodeStore.mask], node.kind == .function else {
                return nil
            }
            return CompiledFunction(name: node.name, arity: node.params.count, body: node.code)
        }
    }
}
