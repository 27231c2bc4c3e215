import Foundation
import PlanCore
import PlanGraph
import PlanSession
import SupportEconomics
import Testing

/// The source tree's root, from this file's place in it.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Every preset and every language script.
private let planFiles: [String] = {
    var files: [String] = []
    let manager = FileManager.default
    for folder in ["Presets", "Tests/Scripts"] {
        let base = root.appendingPathComponent(folder).path
        guard let walker = manager.enumerator(atPath: base) else { continue }
        for case let path as String in walker where path.hasSuffix(".plan") { files.append(base + "/" + path) }
    }
    return files.sorted()
}()

/// A session over the source tree's presets that discards its output.
private func makeSession() -> Session {
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    return Session(output: BufferedOutput(), locator: locator)
}

@Suite("Scalar and block interpreters agree")
struct DifferentialTests {
    @Test(
        "every cell of every preset and script: the block interpreter with point inputs gives the scalar value, bit for bit"
    )
    func pointInputsAgree() throws {
        #expect(planFiles.count > 20)
        var compared = 0
        for path in planFiles {
            let session = makeSession()
            _ = session.runFile(path)
            let model = session.model
            for (name, block) in model.blockValues() {
                guard let scalar = model.value(of: name) else { continue }
                compared += 1
                let same = block.map { scalar.isIdentical(to: $0) } ?? false
                #expect(
                    same,
                    "\(path): `\(name)` is \(scalar) outside simulation but \(String(describing: block)) in a block")
            }
        }
        #expect(compared > 500)
    }

    @Test("a cell's samples do not depend on which other cells are simulated")
    func drawsAreKeyedToInputs() throws {
        let session = makeSession()
        let text =
            (try? String(
                contentsOf: root.appendingPathComponent("Tests/Scripts/lang/keyed_draws.plan"), encoding: .utf8)) ?? ""
        _ = session.run(SourceFile(name: "keyed_draws.plan", text: text))
        let model = session.model
        let names = model.uncertainCellNames
        try #require(names.count >= 3)
        let target = names[names.count - 1]
        let alone = try model.simulate([target], samples: 10_000, seed: 1)
        let among = try model.simulate([names[0], names[1], target], samples: 10_000, seed: 1)
        let same = among.first { $0.name == alone[0].name }.map { $0.samples == alone[0].samples }
        #expect(same == true, "`\(target)` differs when simulated with \(names[0]) and \(names[1])")
        let otherSeed = try model.simulate([target], samples: 10_000, seed: 2)
        #expect(alone[0].samples != otherSeed[0].samples, "another seed gives other samples")
    }
}
