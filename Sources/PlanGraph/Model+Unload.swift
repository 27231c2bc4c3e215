public import PlanCore

/// Taking out a part of the model that one file defined (`timeline off` takes out the standard timeline part
/// that `timeline FROM to TO` loaded).
extension Model {
    /// Removes every cell, function and alert whose definition came from a file `belongs` accepts, atomically;
    /// returns the names removed, in definition order.
    ///
    /// Refused, with nothing changed, while a node from elsewhere uses one of them (the error names both) or
    /// the report shows one of them.
    public mutating func removeNodes(
        from belongs: (SourceFile) -> Bool, span: SourceSpan, file: SourceFile
    ) throws(Diagnostic) -> [String] {
        let part = Set(
            nodes.indices.filter { id in
                guard let node = nodes[id], node.kind != .timeline else { return false }
                return belongs(node.file)
            })
        guard !part.isEmpty else { return [] }
        for id in part.sorted() {
            guard let node = nodes[id] else { continue }
            if let user = dependents[id].first(where: { !part.contains($0) }), let userNode = nodes[user] {
                let userName = userNode.kind == .alert ? "alert \"\(userNode.name)\"" : "`\(userNode.name)`"
                throw Diagnostic(
                    .error, "\(userName) uses `\(node.name)`, which the timeline part defines", kind: .refused,
                    file: file, span: span, hint: "delete or redefine \(userName) first, or keep the timeline")
            }
            if node.kind == .cell, report?.uses(node.name) == true {
                throw Diagnostic(
                    .error, "the report shows `\(node.name)`, which the timeline part defines", kind: .refused,
                    file: file, span: span, hint: "mark the report's rows again without it: `report …`")
            }
        }
        begin()
        var removed: [String] = []
        for id in part.sorted() {
            guard let node = nodes[id] else { continue }
            for dep in node.deps where !part.contains(dep) { removeDependent(id, of: dep) }
            setNode(id, nil)
            switch node.kind {
            case .cell: setCellId(node.name, nil)
            case .function: setFunctionId(node.name, nil)
            case .alert: setAlertId(node.name, nil)
            case .timeline: break
            }
            removed.append(node.name)
        }
        commit()
        watches.removeAll { name in removed.contains(name) }
        return removed
    }
}
