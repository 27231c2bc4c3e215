import Foundation
import PlanCore
import PlanSession
import SupportEconomics

/// A session over the source tree's presets, collecting its output (for the reliability suites).
func freshSession(standard: Bool = true, interactive: Bool = false) -> (Session, BufferedOutput) {
    let output = BufferedOutput()
    let locator = PresetLocator(
        environmentRoot: nil, executablePath: nil, fileExists: { FileManager.default.fileExists(atPath: $0) },
        listDirectory: { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
    let session = Session(output: output, locator: locator)
    session.interactive = interactive
    if standard { session.loadStandardModel() }
    return (session, output)
}

/// A new empty directory under the system's temporary directory.
func scratchDirectory() -> String {
    var template = Array((NSTemporaryDirectory() + "/supportplan-test-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { return NSTemporaryDirectory() }
    return String(cString: made)
}

/// Writes text to a file (test set-up).
func put(_ text: String, at path: String) {
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

/// The text of a file, or nil.
func contents(of path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

/// Every diagnostic message of an output, joined (for expectations' comments).
func messages(_ output: BufferedOutput) -> String { output.diagnostics.map(\.message).joined(separator: " | ") }
