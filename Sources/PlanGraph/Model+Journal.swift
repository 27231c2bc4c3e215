import PlanCore

/// The journal that makes a statement atomic: every mutation is recorded and can be rolled back.
enum JournalEntry: Sendable {
    indirect case node(Int, Node?)
    case value(Int, Value?)
    case dependents(Int, Users)
    case cellId(String, Int?)
    case functionId(String, Int?)
    case alertId(String, Int?)
    case watches([String])
    case timelineId(Int?)
    case count(Int)
}

extension Model {
    /// Starts journalling mutations.
    mutating func begin() { journal = [] }

    /// Keeps the mutations made since `begin()`.
    mutating func commit() { journal = nil }

    /// Undoes every mutation made since `begin()`.
    mutating func rollback() {
        guard let entries = journal else { return }
        journal = nil
        for entry in entries.reversed() {
            switch entry {
            case .node(let id, let node): nodes.set(id, node)
            case .value(let id, let value): nodes.setValue(value, at: id)
            case .dependents(let id, let list): dependents[id] = list
            case .cellId(let name, let id): cellIds[name] = id
            case .functionId(let name, let id): functionIds[name] = id
            case .alertId(let name, let id): alertIds[name] = id
            case .watches(let list): watches = list
            case .timelineId(let id): timelineId = id
            case .count(let count):
                nodes.removeLast(nodes.count - count)
                dependents.removeLast(dependents.count - count)
            }
        }
    }

    mutating func setNode(_ id: Int, _ node: Node?) {
        // Removing a node removes its value: the journal keeps the value too, to put both back.
        if node == nil, journal != nil, let value = nodes.value(at: id) { journal?.append(.value(id, value)) }
        journal?.append(.node(id, nodes[id]))
        nodes.set(id, node)
    }

    mutating func setValue(_ id: Int, _ value: Value?) {
        if journal != nil { journal?.append(.value(id, nodes.value(at: id))) }
        nodes.setValue(value, at: id)
    }

    mutating func appendNode(_ node: Node, value: Value? = nil) -> Int {
        journal?.append(.count(nodes.count))
        nodes.append(node, value: value)
        dependents.append(Users())
        return nodes.count - 1
    }

    mutating func addDependent(_ user: Int, of id: Int) {
        journal?.append(.dependents(id, dependents[id]))
        dependents[id].append(user)
    }

    mutating func removeDependent(_ user: Int, of id: Int) {
        journal?.append(.dependents(id, dependents[id]))
        dependents[id].remove(user)
    }

    mutating func setCellId(_ name: String, _ id: Int?) {
        journal?.append(.cellId(name, cellIds[name]))
        cellIds[name] = id
    }

    mutating func setFunctionId(_ name: String, _ id: Int?) {
        journal?.append(.functionId(name, functionIds[name]))
        functionIds[name] = id
    }

    mutating func setAlertId(_ name: String, _ id: Int?) {
        journal?.append(.alertId(name, alertIds[name]))
        alertIds[name] = id
    }

    mutating func setTimelineId(_ id: Int?) {
        journal?.append(.timelineId(timelineId))
        timelineId = id
    }

    mutating func setWatches(_ list: [String]) {
        journal?.append(.watches(watches))
        watches = list
    }
}
